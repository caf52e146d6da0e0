using System.Collections.Immutable;
using System.Text;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Pki;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace CcTsa.Scenarios.Harness;

/// <summary>
/// What an earlier deployment leaves in a data folder (issue 14): its development CA (made here by
/// `cctsa ca init`) and epoch certificates for keys of another log — "epoch 1" and "epoch 2",
/// each issued by that CA for a random Ed25519 key that no DKG of the new log will ever produce.
/// </summary>
public static class StalePki
{
    /// <summary>Seeds <paramref name="data"/>; returns the SHA-256 fingerprints (hex) of the stale epoch certificates.</summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(string data)
    {
        var (exit, output) = await CliRun.CctsaAsync(["ca", "init", "--data", data]).ConfigureAwait(false);
        var layout = new PkiLayout(data);
        if (exit != 0 || !output.Contains(layout.CaCertificate, StringComparison.Ordinal))
            throw new InvalidOperationException($"cctsa ca init exited {exit}: {output}");
        if (!new CaStore(layout, TimeProvider.System).TryLoad(out var ca, out var error))
            throw new InvalidOperationException("the CA made by cctsa ca init does not load: " + error);
        using (ca)
        {
            return [Issue(ca, layout, 1), Issue(ca, layout, 2)];
        }
    }

    private static string Issue(DevCertificateAuthority ca, PkiLayout layout, int epoch)
    {
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        var csr = new CsrBuilder(PkiOptions.SubjectFor(new KeyEpoch(epoch)), key.GeneratePublicKey().GetEncoded());
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        var tbs = csr.ToBeSigned.ToArray();
        signer.BlockUpdate(tbs, 0, tbs.Length);
        var now = DateTimeOffset.UtcNow;
        var issued = ca.IssueTsaCertificate(csr.Complete(signer.GenerateSignature()),
            new TsaCertificateTerms(now.AddMinutes(-1), now.AddDays(300), new KeyEpoch(epoch), [.. System.Security.Cryptography.SHA384.HashData("an earlier deployment's image"u8)], TokenAccuracyExtension.FleetDefault));
        if (!issued.IsOk)
            throw new InvalidOperationException("the stale CA refused a certificate: " + issued.Error.Message);
        layout.WritePublic(layout.EpochCertificate(epoch), Encoding.ASCII.GetBytes(Pem.Encode(Pem.Certificate, issued.Value)));
        return Convert.ToHexStringLower(TsaCertificate.Parse(issued.Value).CertHashSha256.AsSpan());
    }
}

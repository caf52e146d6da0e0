using System.Globalization;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Pki;

/// <summary>How TSA certificates are obtained and how long they and CRLs last.</summary>
public sealed class PkiOptions
{
    /// <summary>Data directory; the PKI files go to its pki/ folder.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>True: each epoch's CSR waits for an external CA (`cctsa ca csr` / `cctsa ca import`); false: the built-in development CA issues.</summary>
    public bool ExternalCa { get; set; }

    /// <summary>
    /// The accuracy the dev CA binds into each TSA certificate (TokenAccuracy extension); signers
    /// refuse a certificate binding another value than theirs.
    /// </summary>
    public TimeSpan TokenAccuracy { get; set; } = CcTsa.Crypto.Pki.TokenAccuracyExtension.FleetDefault;

    /// <summary>
    /// TSA policies the dev CA certifies in each TSA certificate (certificatePolicies); signers
    /// refuse to install a certificate for a policy it does not list. Set from the offered
    /// <see cref="CcTsa.Crypto.Rfc3161.TsaPolicySet"/> when the TSA front is registered.
    /// </summary>
    public System.Collections.Immutable.ImmutableArray<string> TsaPolicies { get; set; } = [];

    public TimeSpan CertificateValidity { get; set; } = TimeSpan.FromDays(2 * 365);

    /// <summary>CRL nextUpdate − thisUpdate; the CRL is re-issued when half of it has passed.</summary>
    public TimeSpan CrlValidity { get; set; } = TimeSpan.FromDays(7);

    public static string SubjectFor(KeyEpoch epoch) =>
        "CN=CC-TSA Ed25519 epoch " + epoch.Number.ToString(CultureInfo.InvariantCulture) + ",O=CC-TSA";

    /// <summary>The subject of <paramref name="policy"/>'s certificate in an epoch (the FROST one keeps its old name).</summary>
    public static string SubjectFor(KeyEpoch epoch, CcTsa.Crypto.Pki.TsaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Algorithm == CcTsa.Crypto.Rfc3161.TokenSignatureAlgorithm.EcdsaP384Sha384
            ? "CN=CC-TSA ECDSA P-384 epoch " + epoch.Number.ToString(CultureInfo.InvariantCulture) + ",O=CC-TSA"
            : SubjectFor(epoch);
    }
}

using System.Security.Cryptography;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Pki;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>An epoch's TSA certificate and the dev CA (pinned by the cluster's nodes) that issued it.</summary>
internal sealed record TestCertificate(byte[] Der, byte[] CaDer);

/// <summary>
/// Issues the TSA certificate of a test epoch the way the control plane will: a CSR for the group
/// key, signed by the threshold key itself (FROST with three nodes' vault shares, in process), then
/// issued by the cluster's dev CA (the one its nodes pin).
/// </summary>
internal static class TestCertificates
{
    public const string Policy = "1.3.6.1.4.1.4146.2.3";

    /// <summary>The accuracy the nodes enforce by default, as InstallCertificate states it.</summary>
    public static readonly long AccuracyMicros = (long)TokenAccuracyExtension.FleetDefault.TotalMicroseconds;

    public static DevCertificateAuthority NewCa(string subject = "CN=CC-TSA Test Root,O=CC-TSA") =>
        DevCertificateAuthority.Create(subject, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));

    public static TestCertificate Issue(TestCluster cluster, int epoch, byte[] groupKey) =>
        Issue(cluster, epoch, groupKey, cluster.Ca, TokenAccuracyExtension.FleetDefault);

    /// <summary>A certificate for <paramref name="groupKey"/> (threshold-signed CSR) from <paramref name="ca"/>, binding <paramref name="accuracy"/>.</summary>
    public static TestCertificate Issue(TestCluster cluster, int epoch, byte[] groupKey, DevCertificateAuthority ca, TimeSpan? accuracy)
    {
        var now = DateTimeOffset.UtcNow;
        var csr = new CsrBuilder($"CN=CC-TSA Test Ed25519 epoch {epoch},O=CC-TSA", groupKey);
        var signature = ThresholdSign(cluster.Nodes.Take(TestCluster.Threshold).ToList(), epoch, csr.ToBeSigned.ToArray());
        var terms = new TsaCertificateTerms(now.AddDays(-1), now.AddYears(2), new KeyEpoch(epoch), [.. SHA384.HashData("cctsa-signer"u8)], accuracy);
        var issued = ca.IssueTsaCertificate(csr.Complete(signature), terms);
        Assert.True(issued.IsOk, issued.IsOk ? null : issued.Error.ToString());
        return new TestCertificate(issued.Value, ca.CertificateDer);
    }

    /// <summary>One FROST signature by <paramref name="signers"/> over <paramref name="message"/>, using their vault shares.</summary>
    public static byte[] ThresholdSign(IReadOnlyList<SignerNode> signers, int epoch, byte[] message)
    {
        var commitments = signers.Select(n =>
        {
            Assert.True(n.Context.Vault.Use(epoch, s => s.Nonces.Publish(1)[0], out var c));
            return c;
        }).ToList();
        var package = SigningPackage.Create(commitments, message).Value;
        var shares = signers.Select(n =>
        {
            Assert.True(n.Context.Vault.Use(epoch, s => s.Nonces.Sign(package).Value, out var share));
            return share;
        }).ToList();
        var publicKeys = signers[0].Context.Vault.PublicKeys(epoch)!;
        return Aggregate.Combine(package, shares, publicKeys).Value.ToArray();
    }
}

using System.Security.Cryptography;
using CcTsa.Crypto.Pki;
using CcTsa.Signer.Participants;
using FsCheck.Xunit;

namespace CcTsa.Signer.Tests.Participants;

public class RawMessageCheckTests
{
    private static readonly byte[] GroupKey = RandomNumberGenerator.GetBytes(32);

    private static byte[] CsrInfo(byte[] key) => new CsrBuilder("CN=CC-TSA Ed25519 epoch 1,O=CC-TSA", key).ToBeSigned.ToArray();

    [Fact]
    public void Check_csr_for_the_group_key_is_accepted()
    {
        Assert.Null(RawMessageCheck.Check(RawMessageCheck.CsrPurpose, CsrInfo(GroupKey), GroupKey));
    }

    [Fact]
    public void Check_csr_for_another_key_is_refused()
    {
        Assert.Contains("group key", RawMessageCheck.Check(RawMessageCheck.CsrPurpose, CsrInfo(RandomNumberGenerator.GetBytes(32)), GroupKey), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_unknown_purpose_is_refused()
    {
        Assert.Equal("unknown purpose", RawMessageCheck.Check("anything", CsrInfo(GroupKey), GroupKey));
    }

    [Property(MaxTest = 300)]
    public bool Check_random_bytes_are_refused_without_throwing(byte[] garbage) =>
        RawMessageCheck.Check(RawMessageCheck.CsrPurpose, garbage ?? [], GroupKey) is not null;

    private static byte[] P384Key(ECDsa key) => key.ExportParameters(false) is var p ? [4, .. p.Q.X!, .. p.Q.Y!] : [];

    [Fact]
    public void Check_ecdsa_csr_must_carry_the_p384_group_key_in_either_sec1_form()
    {
        using var group = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var key = P384Key(group);
        using var point = Crypto.P384.P384Point.TryDecode(key, out var p) ? p : null;
        Assert.Null(RawMessageCheck.Check(RawMessageCheck.CsrPurpose, Fleet.EcdsaTestCertificates.CsrInfo("CN=a", key), key, "ecdsa-p384"));
        Assert.Null(RawMessageCheck.Check(RawMessageCheck.CsrPurpose, Fleet.EcdsaTestCertificates.CsrInfo("CN=a", point!.Encode()), key, "ecdsa-p384"));
        Assert.Contains("group key", RawMessageCheck.Check(RawMessageCheck.CsrPurpose, Fleet.EcdsaTestCertificates.CsrInfo("CN=a", P384Key(other)), key, "ecdsa-p384"),
            StringComparison.Ordinal);
        // an Ed25519 CSR is not an ECDSA one, and the reverse
        Assert.Equal("subject key is not P-384", RawMessageCheck.Check(RawMessageCheck.CsrPurpose, CsrInfo(GroupKey), key, "ecdsa-p384"));
        Assert.Equal("subject key is not Ed25519", RawMessageCheck.Check(RawMessageCheck.CsrPurpose, Fleet.EcdsaTestCertificates.CsrInfo("CN=a", key), GroupKey));
    }
}

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
}

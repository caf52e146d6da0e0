using CcTsa.Crypto.Attestation;
using CcTsa.Crypto.Messages;

namespace CcTsa.Crypto.Tests.Messages;

public class NodeSigningKeyTests
{
    private static readonly byte[] Body = System.Security.Cryptography.SHA256.HashData("{\"round\":1}"u8);

    [Fact]
    public void SignThenVerify()
    {
        using var key = NodeSigningKey.Generate();
        var input = MessageSignatureInput.Compute("ClockProbe", "n1", "n2", 1, Body);
        Assert.True(NodeSigningKey.Verify(key.PublicKey, input, key.Sign(input)));
    }

    [Fact]
    public void VerifyWithWrongKeyOrChangedInput()
    {
        using var key = NodeSigningKey.Generate();
        using var other = NodeSigningKey.Generate();
        var input = MessageSignatureInput.Compute("ClockProbe", "n1", "n2", 1, Body);
        var sig = key.Sign(input);
        Assert.False(NodeSigningKey.Verify(other.PublicKey, input, sig));
        Assert.False(NodeSigningKey.Verify(key.PublicKey, MessageSignatureInput.Compute("ClockProbe", "n1", "n3", 1, Body), sig));
        Assert.False(NodeSigningKey.Verify(key.PublicKey, MessageSignatureInput.Compute("ClockProbe", "n1", "n2", 2, Body), sig));
        Assert.False(NodeSigningKey.Verify(key.PublicKey, MessageSignatureInput.Compute("ClockProbeAnswered", "n1", "n2", 1, Body), sig));
        Assert.False(NodeSigningKey.Verify(key.PublicKey, input, sig.AsSpan(1)));
    }

    [Fact]
    public void InputFieldsAreLengthPrefixedSoTheyCannotSlide()
    {
        var a = MessageSignatureInput.Compute("Kind", "n1", "n23", 1, Body);
        var b = MessageSignatureInput.Compute("Kind", "n12", "n3", 1, Body);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void ToStringHidesTheSecret()
    {
        using var key = NodeSigningKey.Generate();
        Assert.Contains("[redacted]", key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NodeReportDataBindsIdentityAndBothKeys()
    {
        var channel = new byte[32];
        var signing = Enumerable.Repeat((byte)1, 32).ToArray();
        var nonce = Enumerable.Repeat((byte)2, 32).ToArray();
        var bound = ReportDataBinding.Compute("n1", "azure", channel, signing, nonce);
        Assert.Equal(64, bound.Length);
        Assert.NotEqual(bound, ReportDataBinding.Compute("n2", "azure", channel, signing, nonce));
        Assert.NotEqual(bound, ReportDataBinding.Compute("n1", "gcp", channel, signing, nonce));
        Assert.NotEqual(bound, ReportDataBinding.Compute("n1", "azure", channel, new byte[32], nonce));
        Assert.NotEqual(bound, ReportDataBinding.Compute(channel, nonce));
        Assert.Throws<ArgumentException>(() => ReportDataBinding.Compute("n1", "azure", channel, new byte[31], nonce));
    }
}

using CcTsa.Crypto.MlDsa;
using CcTsa.Testing;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>
/// The reference implementation's 3-of-5 signatures (shared/fixtures/threshold-mldsa65): they
/// verify as plain FIPS 204 ML-DSA-65 under the verifier the combiner uses, and fail under any
/// change; the dealer reproduces their public key from the same seed.
/// </summary>
public sealed class FixtureSignatureTests
{
    private static readonly byte[] Pk = Fixtures.Bytes("threshold-mldsa65/pk.bin");
    private static readonly byte[] Msg = Fixtures.Bytes("threshold-mldsa65/msg.bin");

    public static TheoryData<string> SignatureFiles => new() { "sig-act00111.bin", "sig-act11010.bin" };

    [Theory]
    [MemberData(nameof(SignatureFiles))]
    public void Reference_signature_verifies(string file) =>
        Assert.True(MlDsaVerifier.Verify(Pk, Msg, [], Fixtures.Bytes("threshold-mldsa65/" + file)));

    [Theory]
    [MemberData(nameof(SignatureFiles))]
    public void Reference_signature_with_a_flipped_bit_in_ctilde_z_or_hint_is_rejected(string file)
    {
        var sig = Fixtures.Bytes("threshold-mldsa65/" + file);
        foreach (var at in new[] { 0, MlDsa65.CTildeBytes + 100, MlDsa65.SignatureBytes - MlDsa65.HintBytes + 2 })
        {
            var flipped = (byte[])sig.Clone();
            flipped[at] ^= 0x01;
            Assert.False(MlDsaVerifier.Verify(Pk, Msg, [], flipped), $"bit flip at byte {at} accepted");
        }
    }

    [Theory]
    [MemberData(nameof(SignatureFiles))]
    public void Reference_signature_under_another_message_or_a_context_is_rejected(string file)
    {
        var sig = Fixtures.Bytes("threshold-mldsa65/" + file);
        var other = (byte[])Msg.Clone();
        other[0] ^= 0x80;
        Assert.False(MlDsaVerifier.Verify(Pk, other, [], sig));
        Assert.False(MlDsaVerifier.Verify(Pk, Msg, "x"u8, sig));
    }

    [Fact]
    public void Dealer_with_the_fixture_seed_reproduces_the_fixture_public_key()
    {
        var seed = new byte[32];
        seed[0] = 42;
        var (pk, shares) = TrustedDealer.Deal(seed);
        foreach (var s in shares) s.Dispose();
        Assert.Equal(Pk, pk.Encoding.ToArray());
    }

    [Fact]
    public void Public_key_decodes_and_encodes_back()
    {
        Assert.Equal(Pk, MlDsaPublicKey.Decode(Pk).Encoding.ToArray());
        Assert.False(MlDsaPublicKey.TryDecode(Pk.AsSpan(1), out _));
    }
}

using CcTsa.Contracts.Hashing;
using FsCheck.Xunit;

namespace CcTsa.Contracts.Tests.Hashing;

public sealed class Sha256HashTests
{
    [Fact]
    public void Zero_and_default_are_64_zero_digits()
    {
        Assert.Equal(new string('0', 64), Sha256Hash.Zero.Hex);
        Assert.Equal(Sha256Hash.Zero, Sha256Hash.Parse(default(Sha256Hash).Hex));
    }

    [Fact]
    public void Of_matches_the_known_digest_of_abc() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256Hash.Of("abc"u8).Hex);

    [Fact]
    public void Parse_is_case_insensitive_and_equality_is_structural() =>
        Assert.Equal(Sha256Hash.Parse(new string('A', 64)), Sha256Hash.Parse(new string('a', 64)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public void TryParse_of_bad_text_is_false(string? text) => Assert.False(Sha256Hash.TryParse(text, out _));

    [Fact]
    public void FromBytes_of_wrong_length_is_refused() => Assert.Throws<ArgumentException>(() => Sha256Hash.FromBytes(new byte[31]));

    [Property]
    public bool Bytes_round_trip_through_hex(byte[] seed)
    {
        var h = Sha256Hash.Of(seed ?? []);
        Span<byte> b = stackalloc byte[32];
        h.CopyTo(b);
        return Sha256Hash.FromBytes(b) == h && Sha256Hash.Parse(h.Hex) == h && h.ToArray().AsSpan().SequenceEqual(b);
    }

    [Property]
    public bool TryParse_of_any_string_never_throws(string s) => Sha256Hash.TryParse(s, out _) || true;
}

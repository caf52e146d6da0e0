using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using CcTsa.Crypto.MlDsa;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>
/// The four-lane Keccak (the permutation in use and the AVX2 one) against OpenSSL's SHAKE256
/// (.NET Shake256, what it replaces), byte for byte: 1,000 cases of four random inputs of one random length (0 to 700 bytes: empty, partial,
/// exactly one and several rate blocks) and outputs of one random length (0 to 3,000 bytes, and
/// every 50th case a whole hyperball stream), then Draw against the per-slot stream for all 62
/// slots, and the batched commitment hashes against the one-by-one hash. Fails (not skips) without AVX2, where the signers would not use this path.
/// </summary>
public sealed class Shake256x4Tests
{
    private const int Cases = 1000;

    [Fact]
    public void Four_lane_shake256_equals_openssl_shake256_on_random_lengths()
    {
        Assert.True(Avx2.IsSupported, "this test needs AVX2; the signers draw through OpenSSL without it");
        var rng = new Random(160);
        var state = new Vector256<ulong>[Shake256x4.StateLanes];
        var lengths = new[] { 0, 1, 135, 136, 137, 271, 272 };
        for (var i = 0; i < Cases; i++)
        {
            var n = i < lengths.Length ? lengths[i] : rng.Next(701);
            var m = i % 50 == 0 ? Hyperball.RandomBytes : rng.Next(3001);
            var inputs = Enumerable.Range(0, 4).Select(_ => Bytes(rng, n)).ToArray();
            var outputs = Enumerable.Range(0, 4).Select(_ => new byte[m]).ToArray();
            // The permutation in use here (AVX-512VL where the CPU has it) and the AVX2 one, every case.
            foreach (var avx2Only in new[] { false, true })
            {
                if (avx2Only) Shake256x4.HashData(inputs[0], inputs[1], inputs[2], inputs[3], outputs[0], outputs[1], outputs[2], outputs[3], state, avx512: false);
                else Shake256x4.HashData(inputs[0], inputs[1], inputs[2], inputs[3], outputs[0], outputs[1], outputs[2], outputs[3], state);
                for (var k = 0; k < 4; k++)
                    Assert.True(Shake256.HashData(inputs[k], m).AsSpan().SequenceEqual(outputs[k]), $"case {i}, lane {k}, AVX2 only {avx2Only}: input {n} bytes, output {m} bytes");
                Assert.All(state, v => Assert.Equal(Vector256<ulong>.Zero, v));
                foreach (var o in outputs) Array.Clear(o);
            }
        }
    }

    [Fact]
    public void Draw_gives_each_slot_the_bytes_of_its_own_shake256_stream()
    {
        var rng = new Random(161);
        var seed = new byte[64];
        var random = new byte[Hyperball.Streams * Hyperball.RandomBytes];
        var state = new Vector256<ulong>[Shake256x4.StateLanes];
        var one = new byte[Hyperball.RandomBytes];
        var x = new double[Hyperball.Dimension];
        for (var i = 0; i < 4; i++)
        {
            rng.NextBytes(seed);
            for (var first = 0; first < ThresholdParams.Slots; first += Hyperball.Streams)
            {
                var count = Math.Min(Hyperball.Streams, ThresholdParams.Slots - first);
                Hyperball.Draw(seed, first, count, random, state);
                for (var k = 0; k < count; k++)
                {
                    Hyperball.Sample(seed, (ushort)(first + k), x, one);
                    Assert.True(one.AsSpan().SequenceEqual(Hyperball.Stream(random, k)), $"seed {i}, slot {first + k}");
                }
            }
        }
    }

    [Fact]
    public void Batched_commitment_hashes_equal_the_one_by_one_hash_for_one_to_five_reveals()
    {
        using var h = new MlDsaHarness();
        var session = MlDsaHarness.Session(h.Signers(1, 2, 3));
        var rng = new Random(162);
        for (var count = 1; count <= 5; count++)
        {
            var reveals = Enumerable.Range(0, count).Select(i => (PartyIndex: i + 1, Revealed: (ReadOnlyMemory<byte>)Bytes(rng, ThresholdParams.RevealBytes))).ToList();
            var batch = CommitmentBatch.Hash(h.PublicKey, session, reveals);
            for (var i = 0; i < count; i++)
                Assert.Equal(SlotCodec.CommitmentHash(h.PublicKey, session, reveals[i].PartyIndex, reveals[i].Revealed.Span), batch[i]);
        }
    }

    [Fact]
    public void Unequal_lengths_are_refused_naming_them()
    {
        var state = new Vector256<ulong>[Shake256x4.StateLanes];
        var ex = Assert.Throws<ArgumentException>(() =>
            Shake256x4.HashData(new byte[3], new byte[4], new byte[3], new byte[3], new byte[8], new byte[8], new byte[8], new byte[8], state));
        Assert.Contains("3, 4, 3, 3", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Bytes(Random rng, int n)
    {
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }
}

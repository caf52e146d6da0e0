using System.Globalization;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using CcTsa.Crypto.MlDsa;

namespace CcTsa.Bench.MlDsa;

/// <summary>
/// One party's hyperball bytes for one run (62 slots × 22,544 bytes of SHAKE256), drawn as the
/// signers draw them (<see cref="Hyperball.Draw"/>: four slots per AVX2 Keccak permutation) and,
/// in the same process, one OpenSSL SHAKE256 per slot (the fallback and the code it replaced);
/// and the two commitment hashes a signer checks in Round 3, batched (<see cref="CommitmentBatch"/>)
/// against one by one.
/// </summary>
internal static class DrawTimings
{
    public static string Run(int repetitions)
    {
        var seed = RandomNumberGenerator.GetBytes(64);
        var random = new byte[Hyperball.Streams * Hyperball.RandomBytes];
        var state = new Vector256<ulong>[Shake256x4.StateLanes];
        var input = new byte[67];
        double fourWay = double.MaxValue, openSsl = double.MaxValue;
        for (var r = 0; r < repetitions; r++)
        {
            var clock = CpuClock.StartNew();
            for (var slot = 0; slot < ThresholdParams.Slots; slot += Hyperball.Streams)
                Hyperball.Draw(seed, slot, Math.Min(Hyperball.Streams, ThresholdParams.Slots - slot), random, state);
            fourWay = Math.Min(fourWay, clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            for (var slot = 0; slot < ThresholdParams.Slots; slot++)
            {
                input[65] = (byte)slot;
                Shake256.HashData(input, random.AsSpan(0, Hyperball.RandomBytes));
            }
            openSsl = Math.Min(openSsl, clock.Elapsed.TotalMilliseconds);
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"hyperball bytes per party per run (min of {repetitions}): 4-way Keccak {fourWay:F2} ms, OpenSSL per slot {openSsl:F2} ms ({openSsl / fourWay:F2}x)")
            + Environment.NewLine + RevealHashes(repetitions);
    }

    private static string RevealHashes(int repetitions)
    {
        var (pk, shares) = TrustedDealer.Deal(RandomNumberGenerator.GetBytes(32));
        var session = new MlDsaSession(CcTsa.Contracts.Ids.RoundId.New(), 1, SignerSet.Of(shares.Take(3).Select(s => s.Party)));
        var reveals = Enumerable.Range(2, 2).Select(i => (PartyIndex: i, Revealed: (ReadOnlyMemory<byte>)RandomNumberGenerator.GetBytes(ThresholdParams.RevealBytes))).ToList();
        double batched = double.MaxValue, single = double.MaxValue;
        for (var r = 0; r < repetitions; r++)
        {
            var clock = CpuClock.StartNew();
            _ = CommitmentBatch.Hash(pk, session, reveals);
            batched = Math.Min(batched, clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            foreach (var (party, revealed) in reveals) _ = SlotCodec.CommitmentHash(pk, session, party, revealed.Span);
            single = Math.Min(single, clock.Elapsed.TotalMilliseconds);
        }
        foreach (var s in shares) s.Dispose();
        return string.Create(CultureInfo.InvariantCulture,
            $"Round 3's two commitment hashes (min of {repetitions}): batched {batched:F2} ms, OpenSSL one by one {single:F2} ms ({single / batched:F2}x)");
    }
}

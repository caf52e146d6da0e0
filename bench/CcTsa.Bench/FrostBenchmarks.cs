using BenchmarkDotNet.Attributes;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;
using NSec.Cryptography;

namespace CcTsa.Bench;

/// <summary>
/// FROST(Ed25519, SHA-512) 3-of-5 steps beside a single-key Ed25519 signature of the same
/// message (NSec over the same libsodium), the baseline the ratios in docs/BENCHMARKS.md use.
/// Round 2 is measured in <see cref="FrostRound2Benchmarks"/> (it consumes nonces).
/// </summary>
[MemoryDiagnoser]
public class FrostBenchmarks
{
    private readonly byte[] _message = new byte[64];
    private Key _single = null!;
    private IReadOnlyList<KeyPackage> _keys = null!;
    private PublicKeyPackage _public = null!;
    private SigningPackage _package = null!;
    private List<SignatureShare> _shares = null!;

    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(_message);
        _single = Key.Create(SignatureAlgorithm.Ed25519);
        (_keys, _public) = BenchDkg.Run(3, 5);
        var signers = _keys.Take(3).ToList();
        var nonces = signers.Select(Round1.Commit).ToList();
        _package = SigningPackage.Create(nonces.Select(n => n.Commitments), _message).Value;
        _shares = signers.Select((k, i) => Round2.Sign(_package, nonces[i], k).Value).ToList();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _single.Dispose();
        foreach (var k in _keys) k.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Ed25519 single-key sign")]
    public byte[] SingleKeySign() => SignatureAlgorithm.Ed25519.Sign(_single, _message);

    [Benchmark(Description = "FROST round1 (per commitment)")]
    public SigningCommitments Round1Commit()
    {
        using var n = Round1.Commit(_keys[0]);
        return n.Commitments;
    }

    [Benchmark(Description = "FROST aggregate+verify (3 shares)")]
    public bool AggregateAndVerify() => Aggregate.Combine(_package, _shares, _public).IsOk;

    [Benchmark(Description = "FROST DKG 3-of-5 (all 5 participants)")]
    public PublicKeyPackage Dkg3of5()
    {
        var (keys, pub) = BenchDkg.Run(3, 5);
        foreach (var k in keys) k.Dispose();
        return pub;
    }
}

/// <summary>Runs a complete in-process DKG (every participant's three parts).</summary>
internal static class BenchDkg
{
    public static (IReadOnlyList<KeyPackage> Keys, PublicKeyPackage Public) Run(int t, int n)
    {
        var ids = Enumerable.Range(1, n).Select(ParticipantId.FromIndex).ToArray();
        var r1 = ids.Select(i => Dealerless.Part1(i, n, t)).ToArray();
        var r2 = ids.Select((_, x) => Dealerless.Part2(r1[x].Secret, r1.Where((_, y) => y != x).Select(p => p.Broadcast).ToList()).Value).ToArray();
        var keys = new List<KeyPackage>();
        PublicKeyPackage? pub = null;
        for (int x = 0; x < n; x++)
        {
            var inbox = r2.Where((_, y) => y != x).Select(r => r.Outgoing.Single(p => p.Recipient == ids[x])).ToList();
            var (key, p) = Dealerless.Part3(r2[x].Secret, r1.Where((_, y) => y != x).Select(q => q.Broadcast).ToList(), inbox).Value;
            keys.Add(key);
            pub = p;
        }
        foreach (var r in r1) r.Secret.Dispose();
        foreach (var r in r2)
        {
            r.Secret.Dispose();
            foreach (var p in r.Outgoing) p.Dispose();
        }
        return (keys, pub!);
    }
}

using BenchmarkDotNet.Attributes;
using CcTsa.Crypto.Frost;
using NSec.Cryptography;

namespace CcTsa.Bench;

/// <summary>
/// FROST round 2 (one signature share, 3 signers) beside the same single-key baseline. Nonces are
/// single-use, so each iteration prepares a fresh batch outside the measured region.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class FrostRound2Benchmarks
{
    private const int Batch = 256;
    private readonly byte[] _message = new byte[64];
    private Key _single = null!;
    private IReadOnlyList<KeyPackage> _keys = null!;
    private readonly List<(SigningPackage Package, SigningNonces Nonces)> _work = new(Batch);

    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(_message);
        _single = Key.Create(SignatureAlgorithm.Ed25519);
        (_keys, _) = BenchDkg.Run(3, 5);
    }

    [IterationSetup(Target = nameof(Round2Sign))]
    public void PrepareNonces()
    {
        _work.Clear();
        for (int i = 0; i < Batch; i++)
        {
            var mine = Round1.Commit(_keys[0]);
            using var b = Round1.Commit(_keys[1]);
            using var c = Round1.Commit(_keys[2]);
            _work.Add((SigningPackage.Create([mine.Commitments, b.Commitments, c.Commitments], _message).Value, mine));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _single.Dispose();
        foreach (var k in _keys) k.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "Ed25519 single-key sign")]
    public int SingleKeySign()
    {
        var total = 0;
        for (int i = 0; i < Batch; i++) total += SignatureAlgorithm.Ed25519.Sign(_single, _message).Length;
        return total;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "FROST round2 (per share)")]
    public int Round2Sign()
    {
        var ok = 0;
        foreach (var (package, nonces) in _work)
            if (Round2.Sign(package, nonces, _keys[0]).IsOk) ok++;
        return ok;
    }
}

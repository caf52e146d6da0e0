using System.Numerics;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The serials this node has agreed to sign, so that no serial is signed for two different TSTInfos.
/// The same TSTInfo again is no repeat: a threshold ML-DSA item whose run the rejection sampling
/// discarded is signed again with fresh nonces, and a hybrid token's TSTInfo is signed by the
/// classical and the post-quantum key; both sign the very same bytes. Memory is bounded:
/// serials sit in one-second buckets by genTime, and a bucket is dropped once its genTimes are
/// older than the genTime window (accuracy + network allowance). Forgetting is safe because a
/// participant also requires the serial to embed its genTime (<see cref="TimedSerial"/>): a
/// forgotten serial can only be proposed again with its original genTime, which is then outside
/// the window and refused before the ledger is asked.
/// </summary>
public sealed class SerialLedger(TimeSpan window)
{
    private readonly SortedDictionary<long, Dictionary<BigInteger, byte[]>> _buckets = [];
    private readonly Lock _gate = new();

    /// <summary>Number of serials remembered (for tests of the bound).</summary>
    public int Count
    {
        get { lock (_gate) return _buckets.Values.Sum(b => b.Count); }
    }

    /// <summary>Records <paramref name="serial"/> for <paramref name="tstInfo"/>; false when it was already recorded for another TSTInfo.</summary>
    public bool TryRecord(SerialNumber serial, DateTimeOffset genTime, DateTimeOffset now, ReadOnlySpan<byte> tstInfo)
    {
        var bucket = genTime.ToUnixTimeSeconds();
        var digest = System.Security.Cryptography.SHA256.HashData(tstInfo);
        lock (_gate)
        {
            Forget(now);
            if (!_buckets.TryGetValue(bucket, out var serials)) _buckets[bucket] = serials = [];
            if (serials.TryGetValue(serial.Value, out var recorded)) return recorded.AsSpan().SequenceEqual(digest);
            serials[serial.Value] = digest;
            return true;
        }
    }

    // A bucket covers [b, b+1) seconds; it goes once even its latest genTime is outside the window.
    private void Forget(DateTimeOffset now)
    {
        var oldestKept = (now - window).ToUnixTimeSeconds() - 1;
        while (_buckets.Count > 0 && _buckets.First().Key < oldestKept)
            _buckets.Remove(_buckets.First().Key);
    }
}

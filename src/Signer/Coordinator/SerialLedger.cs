using System.Numerics;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The serials this node has agreed to sign, so that no serial is signed twice. Memory is bounded:
/// serials sit in one-second buckets by genTime, and a bucket is dropped once its genTimes are
/// older than the genTime window (accuracy + network allowance). Forgetting is safe because a
/// participant also requires the serial to embed its genTime (<see cref="TimedSerial"/>): a
/// forgotten serial can only be proposed again with its original genTime, which is then outside
/// the window and refused before the ledger is asked.
/// </summary>
public sealed class SerialLedger(TimeSpan window)
{
    private readonly SortedDictionary<long, HashSet<BigInteger>> _buckets = [];
    private readonly Lock _gate = new();

    /// <summary>Number of serials remembered (for tests of the bound).</summary>
    public int Count
    {
        get { lock (_gate) return _buckets.Values.Sum(b => b.Count); }
    }

    /// <summary>Records <paramref name="serial"/>; false when it was already recorded.</summary>
    public bool TryRecord(SerialNumber serial, DateTimeOffset genTime, DateTimeOffset now)
    {
        var bucket = genTime.ToUnixTimeSeconds();
        lock (_gate)
        {
            Forget(now);
            if (!_buckets.TryGetValue(bucket, out var serials)) _buckets[bucket] = serials = [];
            return serials.Add(serial.Value);
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

namespace CcTsa.Hosting;

/// <summary>
/// Anti-replay for one sender key on one channel (its messages to this node, or its broadcasts): a
/// sliding bitmap over the last <see cref="Size"/> sequence numbers, as IPsec/DTLS do. Accepts each
/// number once; numbers older than the window are refused. Messages overtake each other on a
/// concurrent queue, so a strict "greater than the last" rule would drop honest traffic; the window
/// tolerates that much reordering in fixed memory.
/// </summary>
public sealed class ReplayWindow(byte[] signingKey)
{
    public const int Size = 4096;

    private readonly ulong[] _seen = new ulong[Size / 64];
    private long _highest = -1;

    /// <summary>The key whose sequence numbers this window tracks (a re-attested peer starts a new window).</summary>
    public byte[] SigningKey { get; } = signingKey;

    /// <summary>True the first time <paramref name="sequence"/> is offered inside the window; false for a replay or a stale number.</summary>
    public bool TryAccept(long sequence)
    {
        if (sequence < 0) return false;
        if (sequence > _highest)
        {
            var shift = sequence - _highest;
            if (shift >= Size) Array.Clear(_seen);
            else for (var s = _highest + 1; s < sequence; s++) Clear(s); // numbers skipped now are unseen
            _highest = sequence;
            Set(sequence);
            return true;
        }
        if (_highest - sequence >= Size || IsSet(sequence)) return false;
        Set(sequence);
        return true;
    }

    private static (int Word, ulong Bit) Slot(long sequence)
    {
        var i = (int)(sequence % Size);
        return (i / 64, 1UL << (i % 64));
    }

    private bool IsSet(long sequence)
    {
        var (w, b) = Slot(sequence);
        return (_seen[w] & b) != 0;
    }

    private void Set(long sequence)
    {
        var (w, b) = Slot(sequence);
        _seen[w] |= b;
    }

    private void Clear(long sequence)
    {
        var (w, b) = Slot(sequence);
        _seen[w] &= ~b;
    }
}

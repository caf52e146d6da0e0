using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Signer.Purposes;

/// <summary>
/// What a node checks before signing a token that declares a transparency-log tree head (issue 21),
/// as coordinator and as participant: the head is well formed (size ≥ 1, a 32-byte root), the
/// token's imprint is SHA-256 of exactly that head's message (<see cref="LogHead.Imprint"/>), and
/// its size is not below the largest head this node already agreed to sign — nor that same size
/// with another root (a fork). A head of the same size and root again is accepted: a retry, or the
/// coordinator preparing the batch again. Kept in memory only: a restarted node forgets the largest
/// size (docs/SECURITY.md: a rollback across restarts is caught by `cctsa audit monitor`).
/// Recorded as soon as the check passes, before the round completes: a head agreed but not signed
/// in the end only makes this node stricter.
/// </summary>
internal sealed class LogHeadRule
{
    private readonly Lock _gate = new();
    private long _largest;
    private byte[] _rootAtLargest = [];

    /// <summary>Null when this node may sign a token with <paramref name="imprint"/> as <paramref name="head"/>; otherwise the check that failed.</summary>
    public string? Check(LogHead head, ImprintAlgorithm algorithm, ReadOnlySpan<byte> imprint)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (head.FormatError() is { } malformed) return $"tree head malformed: {malformed}";
        if (algorithm != ImprintAlgorithm.Sha256) return "tree head imprint is not SHA-256";
        if (!imprint.SequenceEqual(head.Imprint())) return $"imprint is not the tree head message of size {head.TreeSize}";
        lock (_gate)
        {
            if (head.TreeSize < _largest) return $"tree head size {head.TreeSize} goes back from {_largest} already signed";
            if (head.TreeSize == _largest && !head.RootHash.AsSpan().SequenceEqual(_rootAtLargest))
                return $"tree head of size {head.TreeSize} already signed with another root";
            _largest = head.TreeSize;
            _rootAtLargest = [.. head.RootHash];
            return null;
        }
    }
}

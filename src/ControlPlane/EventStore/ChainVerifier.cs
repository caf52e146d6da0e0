using CcTsa.Contracts.Hashing;

namespace CcTsa.ControlPlane.EventStore;

/// <summary>
/// Walks stored rows in order and checks each link: sequence gapless from 1, prev hash equal to the
/// previous row's hash, data decodable as its type, and the recomputed hash equal to the stored
/// one. Stops at the first bad row. Pure apart from the async enumeration it is given.
/// </summary>
public static class ChainVerifier
{
    public static async Task<ChainVerification> VerifyAsync(IAsyncEnumerable<StoredEvent> rows, CancellationToken ct = default)
    {
        var prev = HashChain.Genesis;
        long expected = 1, count = 0;
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
        {
            var reason = Check(row, expected, prev);
            if (reason is not null)
                return new ChainVerification(false, count, expected, reason);
            prev = row.Hash;
            expected++;
            count++;
        }
        return new ChainVerification(true, count, null, null);
    }

    /// <summary>Why <paramref name="row"/> breaks the chain, or null when it links correctly.</summary>
    public static string? Check(StoredEvent row, long expectedSequence, Sha256Hash expectedPrev)
    {
        if (row.Sequence != expectedSequence) return $"sequence {row.Sequence} found where {expectedSequence} was expected";
        if (row.PrevHash != expectedPrev) return "previous-hash link does not match the preceding event";
        if (!EventCodec.TryDecode(row.Type, row.Data.Span, out _)) return $"data does not decode as '{row.Type}'";
        var hash = HashChain.Compute(row.PrevHash, row.Sequence, row.Timestamp, row.Type, row.Data.Span);
        return hash == row.Hash ? null : "hash does not match the event's contents";
    }
}

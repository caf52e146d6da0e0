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
        return HashMatches(row) ? null : "hash does not match the event's contents";
    }

    /// <summary>
    /// As <see cref="Check"/>, but the data is only checked to be one well-formed JSON object of a
    /// listed type, not materialised: the walk over millions of rows stays allocation-light. A row
    /// that is well-formed but does not fit its type can only come from someone re-chaining the log
    /// (the appender writes only what the codec encoded); the signed heads (and old anchors) catch that, and the read model
    /// refuses to load such a row at start-up.
    /// </summary>
    public static string? CheckFast(StoredEvent row, long expectedSequence, Sha256Hash expectedPrev)
    {
        if (row.Sequence != expectedSequence) return $"sequence {row.Sequence} found where {expectedSequence} was expected";
        if (row.PrevHash != expectedPrev) return "previous-hash link does not match the preceding event";
        if (!EventCodec.TryResolveAlias(row.Type, out _) || !IsJsonObject(row.Data.Span)) return $"data does not decode as '{row.Type}'";
        return HashMatches(row) ? null : "hash does not match the event's contents";
    }

    private static bool IsJsonObject(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject) return false;
            reader.Skip();
            return !reader.Read();
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>True when the row's stored hash is the hash of its contents and stored prev hash (no allocation).</summary>
    public static bool HashMatches(StoredEvent row)
    {
        Span<byte> prev = stackalloc byte[Sha256Hash.Size];
        Span<byte> stored = stackalloc byte[Sha256Hash.Size];
        Span<byte> computed = stackalloc byte[Sha256Hash.Size];
        row.PrevHash.CopyTo(prev);
        row.Hash.CopyTo(stored);
        HashChain.Compute(prev, row.Sequence, row.Timestamp, row.Type, row.Data.Span, computed);
        return computed.SequenceEqual(stored);
    }
}

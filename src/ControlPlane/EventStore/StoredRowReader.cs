using System.Runtime.CompilerServices;
using CcTsa.Contracts.Events;
using CcTsa.Contracts.Hashing;

namespace CcTsa.ControlPlane.EventStore;

/// <summary>Reads one chunk of rows with sequence &gt; after, in order, matching the filter's store-side parts.</summary>
internal delegate Task<List<StoredEvent>> SelectRows(long after, int limit, EventFilter filter, CancellationToken ct);

/// <summary>
/// The read side both event-log adapters share: paging, filtering and decoding over an
/// adapter-specific chunk query, so Sqlite and Marten cannot drift apart in what a read returns.
/// </summary>
internal static class StoredRowReader
{
    private const int PageChunk = 500;
    private const int StreamChunk = 1000;

    /// <summary>Up to <paramref name="limit"/> matching envelopes after <paramref name="after"/>; the filter is re-applied to decoded envelopes.</summary>
    public static async Task<IReadOnlyList<EventEnvelope>> ReadAsync(SelectRows select, long after, int limit, EventFilter filter, CancellationToken ct)
    {
        var page = new List<EventEnvelope>();
        var cursor = after;
        while (page.Count < limit)
        {
            var rows = await select(cursor, PageChunk, filter, ct).ConfigureAwait(false);
            if (rows.Count == 0) break;
            foreach (var row in rows)
            {
                var env = ToEnvelope(row);
                if (filter.Matches(env)) page.Add(env);
                if (page.Count == limit) break;
            }
            cursor = rows[^1].Sequence;
            if (rows.Count < PageChunk) break;
        }
        return page;
    }

    /// <summary>Every row after <paramref name="after"/>, streamed in chunks.</summary>
    public static async IAsyncEnumerable<StoredEvent> StreamAsync(SelectRows select, long after, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var cursor = after;
        while (true)
        {
            var rows = await select(cursor, StreamChunk, EventFilter.All, ct).ConfigureAwait(false);
            foreach (var row in rows) yield return row;
            if (rows.Count < StreamChunk) yield break;
            cursor = rows[^1].Sequence;
        }
    }

    /// <summary>Decodes each streamed row into its envelope.</summary>
    public static async IAsyncEnumerable<EventEnvelope> EnvelopesAsync(IAsyncEnumerable<StoredEvent> rows, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
            yield return ToEnvelope(row);
    }

    public static EventEnvelope ToEnvelope(StoredEvent row) =>
        new(row.Sequence, row.Timestamp, row.Type, row.PrevHash, row.Hash, EventCodec.Decode(row.Type, row.Data.Span));

    /// <summary>A missing or tampered (non-hex) hash column reads as the zero hash and so fails verification.</summary>
    public static Sha256Hash ParseOrZero(string? hex) => Sha256Hash.TryParse(hex, out var h) ? h : Sha256Hash.Zero;
}

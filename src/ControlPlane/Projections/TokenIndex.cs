using System.Collections.Immutable;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Projections;

/// <summary>
/// Issued tokens indexed by serial and by message imprint, each in log order.
/// Why an in-memory index of the live projection rather than a store index: the same fold feeds it
/// in both stores (SQLite and PostgreSQL keep the event as opaque canonical JSON, so a store index
/// would need a JSON expression index per store and a migration of existing logs), it is rebuilt
/// from any old log without a schema change, and a lookup is a dictionary probe instead of a query.
/// The price: every TokenIssued is held in memory once per control plane, and each append costs a
/// few µs of fold on the writer loop (docs/BENCHMARKS.md, token lookup).
/// Lists, not single entries, because the old scan answered every matching event: invariant 7
/// says a serial never repeats, but if the log ever held a repeat the API still shows both.
/// </summary>
public sealed record TokenIndex
{
    public ImmutableDictionary<SerialNumber, ImmutableList<TokenRecord>> BySerial { get; init; } = ImmutableDictionary<SerialNumber, ImmutableList<TokenRecord>>.Empty;

    /// <summary>Keyed by the imprint in lowercase hex (as the API normalises a query).</summary>
    public ImmutableDictionary<string, ImmutableList<TokenRecord>> ByImprint { get; init; } = ImmutableDictionary.Create<string, ImmutableList<TokenRecord>>(StringComparer.Ordinal);

    public long Count { get; init; }

    /// <summary>Serials met more than once, in the order the repeats were logged; invariant 7 says it stays empty.</summary>
    public ImmutableList<SerialNumber> RepeatedSerials { get; init; } = [];

    public bool Contains(SerialNumber serial) => BySerial.ContainsKey(serial);

    public IReadOnlyList<TokenRecord> WithSerial(SerialNumber serial) => BySerial.GetValueOrDefault(serial) ?? [];

    public IReadOnlyList<TokenRecord> WithImprint(string imprintHex) =>
        ByImprint.GetValueOrDefault(imprintHex.ToLowerInvariant()) ?? [];

    /// <summary>
    /// Tokens of <paramref name="epoch"/> in log order. A walk over the index, not an index of its
    /// own: only the compromise runbook asks (once per compromised epoch), while a third index would
    /// cost every append on the writer loop (see docs/BENCHMARKS.md, fold).
    /// </summary>
    public IReadOnlyList<TokenRecord> OfEpoch(KeyEpoch epoch) =>
        [.. BySerial.Values.SelectMany(r => r).Where(r => r.Token.Epoch == epoch).OrderBy(r => r.Sequence)];

    public TokenIndex Apply(long sequence, TokenIssued e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var record = new TokenRecord(sequence, e);
        return this with
        {
            BySerial = Add(BySerial, e.Serial, record),
            ByImprint = Add(ByImprint, e.ImprintHex.ToLowerInvariant(), record),
            Count = Count + 1,
            RepeatedSerials = BySerial.ContainsKey(e.Serial) ? RepeatedSerials.Add(e.Serial) : RepeatedSerials,
        };
    }

    private static ImmutableDictionary<TKey, ImmutableList<TokenRecord>> Add<TKey>(ImmutableDictionary<TKey, ImmutableList<TokenRecord>> map, TKey key, TokenRecord record)
        where TKey : notnull =>
        map.SetItem(key, (map.GetValueOrDefault(key) ?? []).Add(record));
}

using System.Collections.Concurrent;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.ControlPlane.Hosting;

/// <summary>
/// <see cref="IIssuanceJournal"/> over the audit log: one TokenIssued per granted token, appended in
/// one group commit; a serial already issued (across restarts and epochs, invariant 7) is refused.
/// The serial index is loaded from the log at start.
/// </summary>
public sealed class LogIssuanceJournal(IEventLog log) : IIssuanceJournal
{
    private readonly ConcurrentDictionary<string, byte> _serials = new(StringComparer.Ordinal);

    public async Task LoadAsync(CancellationToken ct)
    {
        var filter = new EventFilter(Type: EventCodec.AliasOf(typeof(TokenIssued)));
        long cursor = 0;
        while (true)
        {
            var page = await log.ReadAsync(cursor, 5000, filter, ct).ConfigureAwait(false);
            if (page.Count == 0) break;
            cursor = page[^1].Sequence;
            foreach (var e in page)
                if (e.Data is TokenIssued t) _serials.TryAdd(t.Serial.ToHex(), 0);
        }
    }

    public async Task<IReadOnlyList<bool>> RecordAsync(SignedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var tokens = batch.Tokens;
        var accepted = new bool[tokens.Count];
        var events = new List<object>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var serial = t.Serial;
            accepted[i] = _serials.TryAdd(serial.ToHex(), 0);
            if (accepted[i])
                // TokenIssued keeps its text fields: the typed values become text only here, where the event is made
                events.Add(new TokenIssued(serial, t.GenTime, t.Policy, t.ImprintAlgorithm, Convert.ToHexStringLower(t.HashedMessage), batch.Epoch, batch.Signers, t.TokenSha256.Hex));
        }
        if (events.Count > 0)
        {
            try
            {
                await log.AppendAsync(events, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // not durable: the serials were never issued, so they may not block a retry
                for (var i = 0; i < tokens.Count; i++)
                    if (accepted[i]) _serials.TryRemove(tokens[i].Serial.ToHex(), out _);
                throw;
            }
        }
        return accepted;
    }
}

using System.Collections.Concurrent;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.ControlPlane.Hosting;

/// <summary>
/// <see cref="IIssuanceJournal"/> over the audit log: one TokenIssued per granted token, appended in
/// one group commit; a serial already issued (across restarts and epochs, invariant 7) is refused.
/// Issued serials are the live read model's token index (the log's Committed feed applies a batch
/// before its append returns); only serials of batches still being written are held here.
/// </summary>
public sealed class LogIssuanceJournal(IEventLog log, LiveProjections live, Health.StoreHealth? store = null) : IIssuanceJournal
{
    private readonly ConcurrentDictionary<SerialNumber, byte> _inFlight = new();

    /// <summary>Brings the read model (and so the serial index) up to the log's head.</summary>
    public Task LoadAsync(CancellationToken ct) => live.CatchUpAsync(ct);

    public async Task<IReadOnlyList<bool>> RecordAsync(SignedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var tokens = batch.Tokens;
        var accepted = new bool[tokens.Count];
        var serials = new SerialNumber[tokens.Count];
        var events = new List<object>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            serials[i] = t.Serial;
            accepted[i] = Claim(serials[i]);
            if (accepted[i])
                // TokenIssued keeps its text fields: the typed values become text only here, where the event is made
                events.Add(new TokenIssued(serials[i], t.GenTime, t.Policy, t.ImprintAlgorithm, Convert.ToHexStringLower(t.HashedMessage), batch.Epoch, batch.Signers, t.TokenSha256.Hex));
        }
        try
        {
            if (events.Count > 0)
            {
                IReadOnlyList<CcTsa.Contracts.Events.EventEnvelope> stored;
                try { stored = await log.AppendAsync(events, cancellationToken).ConfigureAwait(false); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    store?.Failed(e); // not ready until a write succeeds again
                    throw;
                }
                // normally already applied by the Committed feed; this makes sure before the claims go
                live.Apply(stored);
                if (live.Current.Sequence < stored[^1].Sequence) await live.CatchUpAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // durable: the index holds them now; not durable: they were never issued and may be retried
            for (var i = 0; i < tokens.Count; i++)
                if (accepted[i]) _inFlight.TryRemove(serials[i], out _);
        }
        return accepted;
    }

    /// <summary>
    /// Claims a serial for this batch: not in flight elsewhere and not issued. The claim is taken
    /// before the index is read, and released only after the index holds the serial, so two batches
    /// can never both pass with one serial.
    /// </summary>
    private bool Claim(SerialNumber serial)
    {
        if (!_inFlight.TryAdd(serial, 0)) return false;
        if (!live.Current.Tokens.Contains(serial)) return true;
        _inFlight.TryRemove(serial, out _);
        return false;
    }
}

using System.Threading.Channels;
using CcTsa.Contracts.Events;
using CcTsa.Contracts.Events.Alerting;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Leadership;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Alerting;

/// <summary>
/// Turns the log into pages (issue 19): follows the live read model from where it stands at start
/// (history is never re-sent), lets <see cref="AlertTriage"/> pick the events that matter, and
/// hands each notice once (by key) to every configured webhook. Each webhook has its own queue and
/// worker, so a dead receiver retrying for a minute delays nobody else, and notices reach a
/// receiver in log order. Only the leader sends (the runbooks' leadership): with several control
/// planes on one log, a notice leaves once. A standby holds the notices it decided until the
/// leader's AlertDelivered (or final AlertDeliveryFailed) for them reaches its read model; if it
/// becomes leader first, it sends what it still holds — a leader that died between recording an
/// event and paging loses no page (at worst one arrives twice). Deliveries and failures are
/// appended to the log.
/// </summary>
public sealed class AlertNotifier(
    LiveProjections live,
    IEventLog log,
    ILeadership leadership,
    IReadOnlyList<WebhookTarget> targets,
    WebhookSender sender,
    ILogger<AlertNotifier> logger) : BackgroundService
{
    private readonly Dictionary<WebhookTarget, Channel<AlertNotice>> _queues =
        targets.ToDictionary(t => t, _ => Channel.CreateUnbounded<AlertNotice>(new UnboundedChannelOptions { SingleReader = true }));

    /// <summary>How often a standby checks whether it leads now and must send what it holds.</summary>
    public static readonly TimeSpan HandOverCheck = TimeSpan.FromSeconds(1);

    /// <summary>Notices a standby holds at most (oldest dropped): a leader normally clears them within a tick.</summary>
    public const int MaxHeld = 256;

    private readonly HashSet<string> _sent = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, AlertNotice> _held = new(StringComparer.Ordinal);
    private AlertTriage? _triage;
    private long _from;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var now = live.Current;
        _from = now.Sequence;
        _triage = new AlertTriage(now.Health.AlertLevel);
        live.Changed += OnChanged;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        live.Changed -= OnChanged;
        foreach (var queue in _queues.Values) queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_queues.Select(q => DrainAsync(q.Key, q.Value.Reader, stoppingToken)).Append(HandOverAsync(stoppingToken)));

    // raised under the read model's lock, in sequence order: decide and enqueue only, never block
    private void OnChanged(ProjectionSet after, EventEnvelope envelope)
    {
        if (envelope.Sequence <= _from) return;
        if (envelope.Data is AlertDelivered or AlertDeliveryFailed { GaveUp: true })
        {
            // some instance (this one or the leader) is done with it
            var key = envelope.Data is AlertDelivered d ? d.Key : ((AlertDeliveryFailed)envelope.Data).Key;
            lock (_sent)
            {
                _sent.Add(key);
                _held.Remove(key);
            }
            return;
        }
        if (_triage?.Observe(envelope.Sequence, envelope.Data, after) is not { } notice) return;
        if (leadership.IsLeader)
        {
            Send(notice);
            return;
        }
        AlertingLog.NotLeader(logger, notice.Key);
        lock (_sent)
        {
            if (_sent.Contains(notice.Key)) return;
            _held[notice.Key] = notice;
            if (_held.Count > MaxHeld) _held.RemoveAt(0);
        }
    }

    private void Send(AlertNotice notice)
    {
        lock (_sent)
            if (!_sent.Add(notice.Key)) return;
        foreach (var queue in _queues.Values) queue.Writer.TryWrite(notice);
    }

    // a standby that has become leader sends what the old leader never confirmed
    private async Task HandOverAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(HandOverCheck);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                if (!leadership.IsLeader || HeldCount() == 0) continue;
                try
                {
                    // read what the old leader recorded last: a page it confirmed is not sent again
                    await live.CatchUpAsync(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (StoreErrors.Translate(e) is StoreUnavailableException)
                {
                    AlertingLog.HandOverPostponed(logger, e.Message);
                    continue; // the held notices stay held until the store answers
                }
                List<AlertNotice> unconfirmed;
                lock (_sent)
                {
                    unconfirmed = [.. _held.Values];
                    _held.Clear();
                }
                foreach (var notice in unconfirmed) Send(notice);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
    }

    private int HeldCount()
    {
        lock (_sent) return _held.Count;
    }

    private async Task DrainAsync(WebhookTarget target, ChannelReader<AlertNotice> reader, CancellationToken ct)
    {
        try
        {
            await foreach (var notice in reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (!await sender.DeliverAsync(notice, target, RecordAsync, ct).ConfigureAwait(false))
                    AlertingLog.GaveUp(logger, notice.Key, target.Name);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping: undelivered notices stay undelivered, the log says which were
        }
    }

    // an outcome that happened is recorded even while stopping: the token is not passed on
    private async Task RecordAsync(object outcome, CancellationToken ct)
    {
        if (outcome is AlertDeliveryFailed failed)
            AlertingLog.AttemptFailed(logger, failed.Key, failed.Target, failed.Attempt, failed.Reason);
        try
        {
            await log.AppendAsync([outcome], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (StoreErrors.Translate(e) is StoreUnavailableException)
        {
            // the page matters more than its record: keep delivering while the store is away
            AlertingLog.NotRecorded(logger, outcome.GetType().Name, e.Message);
        }
    }
}

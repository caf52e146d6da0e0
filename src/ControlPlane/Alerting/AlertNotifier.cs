using System.Threading.Channels;
using CcTsa.Contracts.Events;
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
/// planes on one log, a notice leaves once. Deliveries and failures are appended to the log.
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

    private readonly HashSet<string> _sent = new(StringComparer.Ordinal);
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
        Task.WhenAll(_queues.Select(q => DrainAsync(q.Key, q.Value.Reader, stoppingToken)));

    // raised under the read model's lock, in sequence order: decide and enqueue only, never block
    private void OnChanged(ProjectionSet after, EventEnvelope envelope)
    {
        if (envelope.Sequence <= _from || _triage?.Observe(envelope.Sequence, envelope.Data, after) is not { } notice) return;
        if (!leadership.IsLeader)
        {
            AlertingLog.NotLeader(logger, notice.Key);
            return;
        }
        lock (_sent)
            if (!_sent.Add(notice.Key)) return;
        foreach (var queue in _queues.Values) queue.Writer.TryWrite(notice);
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
        if (outcome is CcTsa.Contracts.Events.Alerting.AlertDeliveryFailed failed)
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

using CcTsa.Contracts.Messages.Fleet;
using MassTransit;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Feeds every node heartbeat to the <see cref="FleetDirector"/>, except one that claims the
/// node's attested key but is forged or replayed (<see cref="NodeMessageCheck.CheckHeartbeat"/>):
/// an old genuine heartbeat must not bring back old clock or epoch facts. The drop and refusal
/// counters a heartbeat carries are exported only from a proven one (<see cref="SignerCounters"/>).
/// </summary>
public sealed class NodeAnnouncedConsumer(FleetDirector director, NodeMessageCheck check, SignerCounters counters) : IConsumer<NodeAnnounced>
{
    public Task Consume(ConsumeContext<NodeAnnounced> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var beat = context.Message;
        switch (check.CheckHeartbeat(beat, context.Headers))
        {
            case HeartbeatCheck.Dropped:
                return Task.CompletedTask;
            case HeartbeatCheck.Proven:
                counters.OnProvenHeartbeat(beat);
                break;
        }
        return director.OnHeartbeatAsync(beat, context.CancellationToken);
    }
}

using CcTsa.Contracts.Messages.Fleet;
using MassTransit;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>Feeds every node heartbeat to the <see cref="FleetDirector"/>.</summary>
public sealed class NodeAnnouncedConsumer(FleetDirector director) : IConsumer<NodeAnnounced>
{
    public Task Consume(ConsumeContext<NodeAnnounced> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return director.OnHeartbeatAsync(context.Message, context.CancellationToken);
    }
}

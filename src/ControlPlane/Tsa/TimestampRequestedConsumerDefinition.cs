using MassTransit;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// Endpoint settings of the bus front. Each consume mostly waits for its micro-batch, so many run
/// at once to keep batches full. No retry: a retried request could be issued twice; a fault goes
/// back to the client as Fault&lt;TimestampRequested&gt; and the client decides.
/// </summary>
public sealed class TimestampRequestedConsumerDefinition : ConsumerDefinition<TimestampRequestedConsumer>
{
    /// <summary>Concurrent requests one control plane takes from the bus.</summary>
    public const int ConcurrentRequests = 512;

    public TimestampRequestedConsumerDefinition() => ConcurrentMessageLimit = ConcurrentRequests;
}

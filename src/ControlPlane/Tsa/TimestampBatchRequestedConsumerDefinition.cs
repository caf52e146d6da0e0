using MassTransit;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>Endpoint settings of the batch bus front: a few batches at once (each already fills micro-batches), no retry.</summary>
public sealed class TimestampBatchRequestedConsumerDefinition : ConsumerDefinition<TimestampBatchRequestedConsumer>
{
    public const int ConcurrentBatches = 16;

    public TimestampBatchRequestedConsumerDefinition() => ConcurrentMessageLimit = ConcurrentBatches;
}

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// The failure-matrix scenarios fall into three collections. Inside a collection the scenarios run
/// one after another; the embedded and the distributed halves run beside each other (and beside
/// the other scenario classes, two at a time on two cores) because most of a scenario's time is
/// waiting — for a heartbeat to lapse, a ceremony, a replacement to attest — not computing.
/// Scenarios that measure latency run alone in <see cref="Exclusive"/>, after everything else.
/// </summary>
public static class FailureMatrix
{
    /// <summary>Five in-process signers behind one in-process control plane.</summary>
    public const string Embedded = "Failure matrix (embedded)";

    /// <summary>Six OS processes over PostgreSQL and RabbitMQ.</summary>
    public const string Distributed = "Failure matrix (distributed)";

    /// <summary>Latency bounds: nothing else may share the two cores while these run.</summary>
    public const string Exclusive = "Failure matrix (latency, alone)";
}

[CollectionDefinition(FailureMatrix.Embedded)]
public sealed class EmbeddedFailureMatrix;

[CollectionDefinition(FailureMatrix.Distributed)]
public sealed class DistributedFailureMatrix;

[CollectionDefinition(FailureMatrix.Exclusive, DisableParallelization = true)]
public sealed class ExclusiveFailureMatrix;

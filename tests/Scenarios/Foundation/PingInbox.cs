namespace CcTsa.Scenarios.Foundation;

/// <summary>Where <see cref="FoundationPingedConsumer"/> reports the first message it saw (one per bus host).</summary>
public sealed class PingInbox
{
    public TaskCompletionSource<FoundationPinged> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

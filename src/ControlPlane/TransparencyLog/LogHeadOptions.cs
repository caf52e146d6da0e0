namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>How often the tree head is signed when the log grew (zero or negative: only at a graceful stop).</summary>
public sealed record LogHeadOptions(TimeSpan Interval)
{
    public static LogHeadOptions Default { get; } = new(TimeSpan.FromSeconds(10));
}

namespace CcTsa.ControlPlane.Audit;

/// <summary>How often the audit chain head is time-stamped (zero or negative: never).</summary>
public sealed record AuditAnchorOptions(TimeSpan Interval)
{
    public static AuditAnchorOptions Default { get; } = new(TimeSpan.FromMinutes(5));
}

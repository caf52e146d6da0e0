namespace CcTsa.ControlPlane.Alerting;

/// <summary>
/// Retries of one delivery: up to <see cref="MaxAttempts"/>, waiting <see cref="FirstDelay"/>, then
/// twice as long each time up to <see cref="MaxDelay"/> (1, 2, 4, 8 s… by default); each attempt is
/// bounded by <see cref="AttemptTimeout"/> so a receiver that hangs counts as a failure.
/// </summary>
public sealed record AlertDeliveryOptions
{
    public static AlertDeliveryOptions Default { get; } = new();

    public int MaxAttempts { get; init; } = 6;
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based): exponential, capped.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ticks = Math.Min(FirstDelay.Ticks * factor, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}

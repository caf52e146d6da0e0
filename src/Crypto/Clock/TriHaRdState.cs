namespace CcTsa.Crypto.Clock;

/// <summary>The per-node memory of the TriHaRd rule between rounds.</summary>
public sealed record TriHaRdState(bool Excluded, int ConsecutiveBad, int ConsecutiveGood)
{
    public static TriHaRdState Initial { get; } = new(false, 0, 0);
}

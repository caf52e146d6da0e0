namespace CcTsa.Contracts.Ids;

/// <summary>One signing round (possibly covering a batch of tokens).</summary>
public readonly record struct RoundId(Guid Value)
{
    public static RoundId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString("N");
}

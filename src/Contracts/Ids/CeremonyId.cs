namespace CcTsa.Contracts.Ids;

/// <summary>One ceremony (DKG, redistribution, refresh) from start to completion or abort.</summary>
public readonly record struct CeremonyId(Guid Value)
{
    public static CeremonyId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString("N");
}

namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>The kinds of key ceremony. Redistribution = share repair for a replacement node.</summary>
public enum CeremonyKind
{
    Dkg = 0,
    Redistribution = 1,
    Refresh = 2,
}

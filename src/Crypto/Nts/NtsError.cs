namespace CcTsa.Crypto.Nts;

/// <summary>A refused NTS exchange: which server, which check, and what was seen (never key material).</summary>
public sealed record NtsError(NtsFailure Failure, string Server, string Detail)
{
    public override string ToString() => $"NTS server {Server}: {Failure}: {Detail}";
}

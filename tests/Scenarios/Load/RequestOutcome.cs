namespace CcTsa.Scenarios.Load;

/// <summary>The answer to one timestamp request: Granted (Token set), Rejected (Reason = failInfo) or Lost.</summary>
public sealed record RequestOutcome(RequestOutcomeKind Kind, int HttpStatus, string Reason, IssuedToken? Token, bool TokenVerified)
{
    public override string ToString() => $"{Kind} HTTP {HttpStatus} {Reason}";
}

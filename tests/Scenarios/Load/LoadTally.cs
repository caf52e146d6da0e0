namespace CcTsa.Scenarios.Load;

/// <summary>
/// What the load generator saw: every request sent is exactly one of granted (and verified or
/// counted bad), rejected with a TSA reason (HTTP 503 + rejection body), or lost (no answer,
/// connection error, or an answer that is not a TimeStampResp).
/// </summary>
public sealed record LoadTally(
    int Sent,
    int Granted,
    int Rejected,
    IReadOnlyDictionary<string, int> RejectedByReason,
    int Lost,
    IReadOnlyList<string> LostReasons,
    int BadTokens,
    IReadOnlyList<string> BadTokenReasons)
{
    public int InFlight => Sent - Granted - Rejected - Lost;
}

namespace CcTsa.ControlPlane.Tsa;

/// <summary>How a request ended at the TSA front; decides HTTP status and bus reply type.</summary>
public enum FrontVerdict
{
    /// <summary>Token issued and durable: HTTP 200, bus TimestampIssued.</summary>
    Granted,
    /// <summary>The request was refused (bad algorithm, malformed, policy, extension): HTTP 200, bus TimestampRejected.</summary>
    Rejected,
    /// <summary>The request was fine but could not be signed now: HTTP 503 with a rejection body, bus TimestampRejected.</summary>
    Unavailable,
}

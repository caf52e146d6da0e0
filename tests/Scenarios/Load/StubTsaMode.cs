namespace CcTsa.Scenarios.Load;

/// <summary>How <see cref="StubTsa"/> answers the next /tsa request.</summary>
public enum StubTsaMode
{
    /// <summary>200 with a correct token.</summary>
    Grant,
    /// <summary>200 with a token over another imprint (must count as a bad token).</summary>
    GrantForOtherData,
    /// <summary>503 with a rejection TimeStampResp (timeNotAvailable).</summary>
    Reject,
    /// <summary>500 with a text body: no TSA answer (must count as lost).</summary>
    ServerError,
}

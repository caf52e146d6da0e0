namespace CcTsa.Crypto.Clock;

/// <summary>
/// One NTS/NTP exchange with a time server (RFC 5905 §8): T1 client send, T2 server receive, T3
/// server send, T4 client receive. offset = ((T2−T1)+(T3−T4))/2 is how far the server is ahead of
/// us; delay = (T4−T1)−(T3−T2) is the round trip minus the server's processing. The true offset
/// lies within offset ± delay/2, whatever the path asymmetry.
/// </summary>
public readonly record struct NtsSample(string Server, DateTimeOffset T1, DateTimeOffset T2, DateTimeOffset T3, DateTimeOffset T4)
{
    public TimeSpan Offset => ((T2 - T1) + (T3 - T4)) / 2;

    public TimeSpan Delay => (T4 - T1) - (T3 - T2);

    /// <summary>Half the delay: the bound on the offset's error.</summary>
    public TimeSpan Uncertainty => Delay / 2;

    public TimeSpan Low => Offset - Uncertainty;

    public TimeSpan High => Offset + Uncertainty;
}

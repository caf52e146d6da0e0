using CcTsa.Crypto.Clock;

namespace CcTsa.Signer.Clock;

/// <summary>
/// A simulated NTS server: its clock is the reference time plus <see cref="Offset"/>; a request
/// takes <see cref="OutboundDelay"/> to arrive and <see cref="ReturnDelay"/> to come back, so
/// asymmetric paths can be simulated. Exchanges are computed, never slept.
/// </summary>
public sealed record SimulatedNtsServer(string Name, TimeSpan Offset, TimeSpan OutboundDelay, TimeSpan ReturnDelay)
{
    public static SimulatedNtsServer Symmetric(string name, TimeSpan offset, TimeSpan roundTrip) =>
        new(name, offset, roundTrip / 2, roundTrip / 2);

    /// <summary>
    /// One exchange: the client reads T1 from its clock whose error (vs. reference) is
    /// <paramref name="clientError"/>, at reference instant <paramref name="reference"/>.
    /// </summary>
    internal NtsSample Exchange(DateTimeOffset reference, TimeSpan clientError)
    {
        var t1 = reference + clientError;
        var t2 = reference + OutboundDelay + Offset;
        var t3 = t2;
        var t4 = reference + OutboundDelay + ReturnDelay + clientError;
        return new NtsSample(Name, t1, t2, t3, t4);
    }
}

using System.Diagnostics;
using CcTsa.Crypto.Pki;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// How long <see cref="SigningFailover"/> waits for one coordinator's answer to a request, by what
/// the request signs. A request whose signature involves threshold ML-DSA-65 (the `ml-dsa-65` and
/// `hybrid` policies, an ML-DSA CSR) legitimately takes longer than a classical one: a hybrid batch is
/// a classical round plus one ML-DSA run of three round trips per pass, a run rejects about 4 items
/// in 10, and the coordinator restarts a pass (new stamps) until every item is signed, bounded by
/// HybridSigning.MaxPasses, after which it answers a retryable failure itself. The classical 10 s
/// wait ran out on a loaded host while such a coordinator was still making progress (issue 16: 2 of
/// 3 hybrid requests answered 503); a timeout throws that progress away and the next coordinator
/// starts from nothing. So these requests get their own, longer answer wait, bounded so that the
/// coordinator's own give-up comes first. They are hedged no sooner than <see cref="HedgeFloor"/>
/// (a second coordinator on a 2-core host halves the first one's CPU), except at once when the
/// roster learns the coordinator was lost, and their answer times do not feed the adaptive hedge
/// deadline of the classical requests (<see cref="Observed"/>). <see cref="Total"/> bounds the whole
/// request (all coordinators asked): with a longer wait per coordinator, trying the five in turn could
/// otherwise keep a client past its own timeout, and an answer (503, retry) beats none.
/// </summary>
public sealed record SigningWait(TimeSpan Answer, TimeSpan HedgeFloor, bool Observed, TimeSpan? Total = null)
{
    /// <summary>The default: <see cref="FleetOptions.SigningTimeout"/>, the adaptive hedge, observed.</summary>
    public static SigningWait Classical(FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.SigningTimeout, TimeSpan.Zero, true);
    }

    /// <summary>For requests signed (also) with threshold ML-DSA-65.</summary>
    public static SigningWait PostQuantum(FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.PostQuantumSigningTimeout, options.PostQuantumHedgeFloor, false, options.PostQuantumSigningBudget);
    }

    /// <summary>The wait for a batch under <paramref name="policy"/> (null: the installed classical policy).</summary>
    public static SigningWait ForPolicy(TsaPolicy? policy, FleetOptions options) =>
        policy is not null && policy.Schemes.Contains(TsaPolicies.MlDsa65.Scheme) ? PostQuantum(options) : Classical(options);

    /// <summary>The wait for a raw message (CSR) signed with <paramref name="scheme"/>.</summary>
    public static SigningWait ForScheme(string scheme, FleetOptions options) =>
        scheme == TsaPolicies.MlDsa65.Scheme ? PostQuantum(options) : Classical(options);

    /// <summary>What is left of the request's total bound (<see cref="Total"/>); unbounded requests always have their answer wait left.</summary>
    public TimeSpan Left(long requestStarted) => Total is { } total ? total - Stopwatch.GetElapsedTime(requestStarted) : Answer;

    /// <summary>One coordinator's answer wait: <see cref="Answer"/>, cut to what is left of the total (at least a millisecond).</summary>
    public TimeSpan Within(long requestStarted)
    {
        var left = Left(requestStarted);
        var within = left < Answer ? left : Answer;
        return within > TimeSpan.FromMilliseconds(1) ? within : TimeSpan.FromMilliseconds(1);
    }
}

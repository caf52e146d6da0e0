namespace CcTsa.Crypto.Clock;

/// <summary>
/// What one TriHaRd round concluded about the local clock. <see cref="DeviationFromPeers"/> is the
/// local clock minus the peer median; <see cref="Bad"/> says whether this round exceeded the
/// tolerance after subtracting the uncertainty. <see cref="ExcludedNow"/>/<see cref="ReadmittedNow"/>
/// mark the transitions (the ClockViolation / ClockRecovered events); <see cref="Excluded"/> is the
/// state after the round: excluded nodes keep their share but do not sign.
/// </summary>
public sealed record ClockVerdict(
    bool Conclusive,
    bool Bad,
    TimeSpan DeviationFromPeers,
    TimeSpan Uncertainty,
    bool Excluded,
    bool ExcludedNow,
    bool ReadmittedNow,
    int ConsecutiveBad,
    int ConsecutiveGood);

namespace CcTsa.Crypto.Clock;

/// <summary>
/// The outcome of NTS selection. <see cref="Offset"/> is how far the agreed time is ahead of the
/// local clock, <see cref="Accuracy"/> the bound on that estimate. Without a majority nothing is
/// agreed and every server is listed as a falseticker.
/// </summary>
public sealed record NtsSelectionResult(
    bool HasMajority,
    IReadOnlyList<string> Truechimers,
    IReadOnlyList<string> Falsetickers,
    TimeSpan Offset,
    TimeSpan Accuracy);

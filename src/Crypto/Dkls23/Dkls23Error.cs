using CcTsa.Crypto.Common;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23;

/// <summary>
/// The one error value of the DKLs23 core: a failure kind, the parties it blames (so the caller can
/// ban or exclude them and retry with another subset), and plain words that never echo input bytes.
/// </summary>
public sealed record Dkls23Error(Dkls23Failure Failure, IReadOnlyList<ParticipantId> Culprits, string Detail)
{
    public static Dkls23Error Of(Dkls23Failure failure, string detail) => new(failure, [], detail);

    public static Dkls23Error Blame(Dkls23Failure failure, ParticipantId culprit, string detail) => new(failure, [culprit], detail);

    /// <summary>Pair states differ from these peers' (<see cref="Dkls23Failure.PairMismatch"/>): nobody is blamed, the pairs are redone.</summary>
    public static Dkls23Error PairsDiffer(IReadOnlyList<ParticipantId> peers, string detail) =>
        new(Dkls23Failure.PairMismatch, [], detail) { Unpaired = peers };

    /// <summary>The peers whose pair with us must be set up afresh (not culprits); empty for every other failure.</summary>
    public IReadOnlyList<ParticipantId> Unpaired { get; init; } = [];

    public Result<T, Dkls23Error> As<T>() => Result<T, Dkls23Error>.Fail(this);

    public override string ToString() =>
        Culprits.Count > 0 ? $"{Failure} ({string.Join(", ", Culprits)}): {Detail}"
        : Unpaired.Count > 0 ? $"{Failure} (pairs with {string.Join(", ", Unpaired)} to redo): {Detail}"
        : $"{Failure}: {Detail}";
}

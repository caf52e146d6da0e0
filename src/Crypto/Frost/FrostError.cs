using CcTsa.Crypto.Common;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// The one error value of FROST: a failure kind, the participants it blames (so a coordinator can
/// exclude them and retry), and a plain-words detail that never echoes input bytes.
/// </summary>
public sealed record FrostError(FrostFailure Failure, IReadOnlyList<ParticipantId> Culprits, string Detail)
{
    public static FrostError Of(FrostFailure failure, string detail) => new(failure, [], detail);

    public static FrostError Blame(FrostFailure failure, ParticipantId culprit, string detail) => new(failure, [culprit], detail);

    public static FrostError Blame(FrostFailure failure, IReadOnlyList<ParticipantId> culprits, string detail) => new(failure, culprits, detail);

    /// <summary>This error as a failed result of any value type.</summary>
    public Result<T, FrostError> As<T>() => Result<T, FrostError>.Fail(this);

    public override string ToString() =>
        Culprits.Count == 0 ? $"{Failure}: {Detail}" : $"{Failure} ({string.Join(", ", Culprits)}): {Detail}";
}

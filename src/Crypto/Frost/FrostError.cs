using CcTsa.Crypto.Common;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

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

    /// <summary>The FROST error for a fault of the generic DKG/refresh/repair steps (same kind names, same culprits).</summary>
    internal static FrostError From(DkgFault fault) => new(fault.Kind switch
    {
        DkgFaultKind.UnknownParticipant => FrostFailure.UnknownParticipant,
        DkgFaultKind.DuplicateParticipant => FrostFailure.DuplicateParticipant,
        DkgFaultKind.InvalidCommitment => FrostFailure.InvalidCommitment,
        DkgFaultKind.IncorrectNumberOfParticipants => FrostFailure.IncorrectNumberOfParticipants,
        DkgFaultKind.InvalidProofOfKnowledge => FrostFailure.InvalidProofOfKnowledge,
        DkgFaultKind.InvalidSecretShare => FrostFailure.InvalidSecretShare,
        DkgFaultKind.WrongRecipient => FrostFailure.WrongRecipient,
        DkgFaultKind.VerifyingShareMismatch => FrostFailure.VerifyingShareMismatch,
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault.Kind, "Unknown DKG fault kind."),
    }, fault.Culprits, fault.Detail);

    /// <summary>This error as a failed result of any value type.</summary>
    public Result<T, FrostError> As<T>() => Result<T, FrostError>.Fail(this);

    public override string ToString() =>
        Culprits.Count == 0 ? $"{Failure}: {Detail}" : $"{Failure} ({string.Join(", ", Culprits)}): {Detail}";
}

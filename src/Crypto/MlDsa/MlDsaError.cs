using CcTsa.Crypto.Common;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// The one error value of threshold ML-DSA-65: the failure, the parties it blames (so a coordinator
/// can exclude them and pick another of the 10 signer sets), and plain words that never echo bytes.
/// </summary>
public sealed record MlDsaError(MlDsaFailure Failure, IReadOnlyList<ParticipantId> Culprits, string Detail)
{
    public static MlDsaError Of(MlDsaFailure failure, string detail) => new(failure, [], detail);

    public static MlDsaError Blame(MlDsaFailure failure, ParticipantId culprit, string detail) => new(failure, [culprit], detail);

    public Result<T, MlDsaError> As<T>() => Result<T, MlDsaError>.Fail(this);

    public override string ToString() =>
        Culprits.Count == 0 ? $"{Failure}: {Detail}" : $"{Failure} ({string.Join(", ", Culprits)}): {Detail}";
}

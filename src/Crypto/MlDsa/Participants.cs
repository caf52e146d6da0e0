using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa;

/// <summary>Checks that a round's messages come from exactly the signer set, one each.</summary>
internal static class Participants
{
    public static MlDsaError? CheckExactlySigners<T>(SignerSet signers, IReadOnlyList<T> messages, Func<T, ParticipantId> from, string what)
    {
        var seen = new HashSet<ParticipantId>();
        foreach (var m in messages)
        {
            var p = from(m);
            if (p.Value > ThresholdParams.N || !signers.Contains(p))
                return MlDsaError.Blame(MlDsaFailure.WrongParticipants, p, $"{what} from a party outside the signer set {signers}");
            if (!seen.Add(p))
                return MlDsaError.Blame(MlDsaFailure.WrongParticipants, p, $"two {what}s from the same party");
        }
        var missing = signers.Members.Where(p => !seen.Contains(p)).ToArray();
        return missing.Length == 0 ? null
            : new MlDsaError(MlDsaFailure.WrongParticipants, missing, $"no {what} from {string.Join(", ", missing)}");
    }
}

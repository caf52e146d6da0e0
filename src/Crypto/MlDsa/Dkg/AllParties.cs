using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa.Dkg;

/// <summary>Checks that a DKG round's broadcasts come from all 5 parties, one each.</summary>
internal static class AllParties
{
    public static MlDsaError? Check<T>(IReadOnlyList<T> messages, Func<T, ParticipantId> from, string what)
    {
        var seen = new HashSet<int>();
        foreach (var m in messages)
        {
            var p = from(m);
            if (p.Value > ThresholdParams.N) return MlDsaError.Blame(MlDsaFailure.WrongParticipants, p, $"{what} from a party outside the 5");
            if (!seen.Add(p.Value)) return MlDsaError.Blame(MlDsaFailure.WrongParticipants, p, $"two {what}s from the same party");
        }
        var missing = Enumerable.Range(1, ThresholdParams.N).Where(v => !seen.Contains(v)).Select(ParticipantId.FromIndex).ToArray();
        return missing.Length == 0 ? null : new MlDsaError(MlDsaFailure.WrongParticipants, missing, $"no {what} from {string.Join(", ", missing)}");
    }
}

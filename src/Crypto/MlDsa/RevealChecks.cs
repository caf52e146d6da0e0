using CcTsa.Crypto.Common;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// Validates the signers' reveals and sums them per slot: w_κ = Σ_j w_{j,κ}. Signers also check
/// each W against its Round-1 commitment; the combiner, which saw no commitments, checks shape only.
/// </summary>
internal static class RevealChecks
{
    public static Result<int[][], MlDsaError> SumChecked(MlDsaPublicKey pk, MlDsaSession session,
        IReadOnlyList<Reveal> reveals, IReadOnlyList<Commitment>? commitments)
    {
        var check = Participants.CheckExactlySigners(session.Signers, reveals, r => r.From, "reveal");
        if (check is not null) return check.As<int[][]>();
        var sum = new int[ThresholdParams.Slots][];
        for (var s = 0; s < sum.Length; s++) sum[s] = new int[MlDsa65.K * MlDsa65.N];
        var one = new int[MlDsa65.K * MlDsa65.N];
        foreach (var r in reveals.OrderBy(r => r.From.Value))
        {
            if (r.Packed.Length != ThresholdParams.RevealBytes)
                return MlDsaError.Blame(MlDsaFailure.MalformedMessage, r.From, $"reveal is {r.Packed.Length} bytes, not {ThresholdParams.RevealBytes}").As<int[][]>();
            if (commitments is not null)
            {
                var expected = commitments.Single(c => c.From == r.From).Hash.Span;
                var actual = SlotCodec.CommitmentHash(pk, session, PartyIndex.Of(r.From), r.Packed.Span);
                if (!actual.AsSpan().SequenceEqual(expected))
                    return MlDsaError.Blame(MlDsaFailure.WrongCommitmentOpening, r.From, "revealed W does not open the party's Round-1 commitment").As<int[][]>();
            }
            for (var s = 0; s < ThresholdParams.Slots; s++)
            {
                if (!SlotCodec.TryUnpackW(r.Packed.Span, s, one))
                    return MlDsaError.Blame(MlDsaFailure.MalformedReveal, r.From, $"revealed W of slot {s} holds a value ≥ q").As<int[][]>();
                var acc = sum[s];
                for (var c = 0; c < acc.Length; c++) acc[c] = Mod.Add(acc[c], one[c]);
            }
        }
        return sum;
    }
}

using CcTsa.Crypto.Common;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa.Dkg;

/// <summary>
/// DKG finish: check that the 3 holders of every subset announced the same D_S (a minority holder is
/// named), sum the masked partial keys to t = A·s1 + s2, publish pk = ρ ‖ Power2Round(t).t1 and keep
/// this party's 6 subset shares. Consumes the DKG state. Before activating the key the cluster
/// signs a test message with signer sets covering every party (a wrong M_i only shows there).
/// </summary>
public static class DkgFinish
{
    public static Result<(PartyKeyShare Share, DkgTranscript Transcript), MlDsaError> Complete(DkgState state, IReadOnlyList<DkgMaskedKey> masked)
    {
        using (state)
        {
            if (state.Rho is null || state.SubsetSeeds is null) throw new InvalidOperationException("DKG finish needs round 3 to have run on this state.");
            var check = AllParties.Check(masked, m => m.From, "masked key");
            if (check is not null) return Fail(check);
            var t = new int[MlDsa65.K * MlDsa65.N];
            var one = new int[t.Length];
            foreach (var m in masked)
            {
                if (m.Masked.Length != MlDsa65.K * MlDsa65.FullPolyBytes || m.ShareCommitments.Count != ThresholdParams.SubsetsPerParty || m.ShareCommitments.Any(d => d.Length != 32))
                    return Fail(MlDsaError.Blame(MlDsaFailure.MalformedMessage, m.From, "masked key has the wrong shape"));
                if (!SlotCodec.TryUnpackW(m.Masked.Span, 0, one))
                    return Fail(MlDsaError.Blame(MlDsaFailure.MalformedReveal, m.From, "masked key holds a value ≥ q"));
                for (var c = 0; c < t.Length; c++) t[c] = Mod.Add(t[c], one[c]);
            }
            var commitments = new Dictionary<SubsetMask, ReadOnlyMemory<byte>>();
            foreach (var s in SubsetMask.All)
            {
                var votes = s.Members().Select(j =>
                {
                    var from = masked.Single(m => m.From == PartyIndex.ToParticipant(j));
                    return (From: from.From, D: from.ShareCommitments[DkgRound1.IndexIn(SubsetMask.HeldBy(j), s)]);
                }).ToArray();
                var majority = votes.GroupBy(v => Convert.ToHexString(v.D.Span)).OrderByDescending(g => g.Count()).First();
                if (majority.Count() != votes.Length)
                {
                    var culprits = majority.Count() > 1 ? votes.Where(v => !v.D.Span.SequenceEqual(majority.First().D.Span)).Select(v => v.From).ToArray() : votes.Select(v => v.From).ToArray();
                    return Fail(new MlDsaError(MlDsaFailure.ShareCommitmentMismatch, culprits, $"holders of subset {s} derived different seeds"));
                }
                commitments[s] = votes[0].D;
            }
            var rows = new int[MlDsa65.K][];
            for (var i = 0; i < MlDsa65.K; i++) rows[i] = t.AsSpan(i * MlDsa65.N, MlDsa65.N).ToArray();
            var pk = PublicKeyDerivation.FromT(state.Rho, rows);
            var seeds = state.SubsetSeeds.Span.ToArray();
            try
            {
                var share = PartyKeyShare.FromSubsetSeeds(state.Party, pk, state.NonceKey,
                    mask => seeds.AsMemory(64 * DkgRound1.IndexIn(state.Held, mask), 64));
                return (share, new DkgTranscript(state.Ceremony, pk, commitments));
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(seeds);
            }
        }
    }

    private static Result<(PartyKeyShare, DkgTranscript), MlDsaError> Fail(MlDsaError e) => e.As<(PartyKeyShare, DkgTranscript)>();
}

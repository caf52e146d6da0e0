using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa.Dkg;

/// <summary>
/// Dealerless key generation, rounds 1 and 2 (construction and argument: docs/SECURITY.md,
/// "Threshold ML-DSA-65 key generation"). Round 1: every party draws ρ_i, one contribution r_{i,S}
/// per subset it belongs to, one pair-mask contribution per peer and its nonce key, and broadcasts
/// hash commitments to ρ_i and each r_{i,S}. Round 2: once all 5 commitments are in, broadcast ρ_i
/// and send each peer (sealed) the contributions to the 3 subsets both belong to plus the pair-mask
/// contribution. All 5 parties must take part (no robustness, as in every ML-DSA DKG known).
/// </summary>
public static class DkgRound1
{
    public static (DkgState State, DkgCommitments Commitments) Commit(ParticipantId party, CeremonyId ceremony)
    {
        var own = SecretHandle.Allocate(DkgState.Size);
        RandomNumberGenerator.Fill(own.Span);
        var state = new DkgState(party, ceremony, own);
        var rho = DkgHash.Commit("rho", ceremony, 0, state.Index, state.OwnRho);
        var seeds = state.Held.Select((s, k) => (ReadOnlyMemory<byte>)DkgHash.Commit("seed", ceremony, s.Value, state.Index, state.OwnSeed(k))).ToArray();
        return (state, new DkgCommitments(party, rho, seeds));
    }

    public static Result<(DkgRhoReveal Reveal, IReadOnlyList<SecretPackage> Packages), MlDsaError> Send(DkgState state, IReadOnlyList<DkgCommitments> commitments)
    {
        var check = AllParties.Check(commitments, c => c.From, "DKG commitment");
        if (check is not null) return check.As<(DkgRhoReveal, IReadOnlyList<SecretPackage>)>();
        foreach (var c in commitments)
            if (c.RhoCommitment.Length != 32 || c.SeedCommitments.Count != ThresholdParams.SubsetsPerParty || c.SeedCommitments.Any(s => s.Length != 32))
                return MlDsaError.Blame(MlDsaFailure.MalformedMessage, c.From, "DKG commitment has the wrong shape").As<(DkgRhoReveal, IReadOnlyList<SecretPackage>)>();
        state.Commitments = commitments;
        var packages = new List<SecretPackage>();
        for (var j = 0; j < ThresholdParams.N; j++)
        {
            if (j == state.Index) continue;
            var value = SecretHandle.Allocate(SecretPackage.DkgPairBytes);
            var k = 0;
            foreach (var s in Shared(state.Index, j))
                state.OwnSeed(IndexIn(state.Held, s)).CopyTo(value.Span.Slice(32 * k++, 32));
            state.OwnPair(j).CopyTo(value.Span[96..]);
            packages.Add(new SecretPackage(state.Party, PartyIndex.ToParticipant(j), value));
        }
        return (new DkgRhoReveal(state.Party, state.OwnRho.ToArray()), packages);
    }

    /// <summary>The 3 subsets both parties belong to, ascending.</summary>
    internal static IEnumerable<SubsetMask> Shared(int a, int b) => SubsetMask.All.Where(m => m.Contains(a) && m.Contains(b));

    internal static int IndexIn(IReadOnlyList<SubsetMask> list, SubsetMask m)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == m) return i;
        throw Throw.Invariant($"subset {m} not in the list");
    }
}

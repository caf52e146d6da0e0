using System.Runtime.InteropServices;
using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.MlDsa.Dkg;

/// <summary>
/// DKG round 3: check every opening (a mismatch names its sender), derive ρ = H(ρ_1 ‖ … ‖ ρ_5) and
/// seed_S = H(S ‖ r_{a,S} ‖ r_{b,S} ‖ r_{c,S}) for each held subset — uniform as long as one member
/// of S is honest, and known only to S's members — and broadcast the masked partial key
/// M_i = Σ_{S : min S = i} (A·s1^S + s2^S) + Σ_{j>i} m_ij − Σ_{j&lt;i} m_ji, where m_ij is expanded
/// from a seed only i and j know, so Σ_i M_i = t and each M_i alone is uniform. Also broadcast
/// D_S = H(seed_S) so all holders can confirm they derived the same seed.
/// </summary>
public static class DkgRound3
{
    public static Result<DkgMaskedKey, MlDsaError> Mask(DkgState state, IReadOnlyList<DkgRhoReveal> reveals, IReadOnlyList<SecretPackage> received)
    {
        var commitments = state.Commitments ?? throw new InvalidOperationException("DKG round 3 needs round 2 to have run on this state.");
        var check = AllParties.Check(reveals, r => r.From, "ρ reveal");
        if (check is not null) return check.As<DkgMaskedKey>();
        var rhos = new byte[ThresholdParams.N][];
        foreach (var r in reveals)
        {
            var j = PartyIndex.Of(r.From);
            var expected = commitments.Single(c => c.From == r.From).RhoCommitment.Span;
            if (r.Rho.Length != 32 || !DkgHash.Commit("rho", state.Ceremony, 0, j, r.Rho.Span).AsSpan().SequenceEqual(expected))
                return MlDsaError.Blame(MlDsaFailure.WrongCommitmentOpening, r.From, "ρ contribution does not open its commitment").As<DkgMaskedKey>();
            rhos[j] = r.Rho.ToArray();
        }
        var fromPeers = new SecretPackage?[ThresholdParams.N];
        foreach (var p in received)
        {
            var j = PartyIndex.Of(p.From);
            if (j == state.Index || p.To != state.Party || fromPeers[j] is not null || p.Length != SecretPackage.DkgPairBytes)
                return MlDsaError.Blame(MlDsaFailure.WrongParticipants, p.From, "unexpected DKG pair package").As<DkgMaskedKey>();
            var k = 0;
            var heldByJ = SubsetMask.HeldBy(j);
            var theirs = commitments.Single(c => c.From == p.From).SeedCommitments;
            foreach (var s in DkgRound1.Shared(state.Index, j))
            {
                var opened = DkgHash.Commit("seed", state.Ceremony, s.Value, j, p.Value.Slice(32 * k++, 32));
                if (!opened.AsSpan().SequenceEqual(theirs[DkgRound1.IndexIn(heldByJ, s)].Span))
                    return MlDsaError.Blame(MlDsaFailure.WrongCommitmentOpening, p.From, $"contribution to subset {s} does not open its commitment").As<DkgMaskedKey>();
            }
            fromPeers[j] = p;
        }
        for (var j = 0; j < ThresholdParams.N; j++)
            if (j != state.Index && fromPeers[j] is null)
                return MlDsaError.Blame(MlDsaFailure.WrongParticipants, PartyIndex.ToParticipant(j), "no DKG pair package").As<DkgMaskedKey>();

        state.Rho = new byte[32];
        DkgHash.Into(state.Rho, "rho-final", state.Ceremony, rhos);
        state.SubsetSeeds = DeriveSeeds(state, fromPeers);
        var masked = MaskedPartialKey(state, fromPeers);
        var d = state.Held.Select((s, k) => (ReadOnlyMemory<byte>)ShareCommitment(state, s, state.SubsetSeeds.Span.Slice(64 * k, 64))).ToArray();
        return new DkgMaskedKey(state.Party, masked, d);
    }

    internal static byte[] ShareCommitment(DkgState state, SubsetMask s, ReadOnlySpan<byte> seed) => ShareCommitment(state.Ceremony, s, seed);

    /// <summary>D_S = H(ceremony ‖ S ‖ seed_S): 64 bytes of fresh entropy behind it, so it reveals nothing about the share.</summary>
    internal static byte[] ShareCommitment(CeremonyId ceremony, SubsetMask s, ReadOnlySpan<byte> seed) =>
        DkgHash.Commit("share-commit", ceremony, s.Value, 0, seed);

    private static SecretHandle DeriveSeeds(DkgState state, SecretPackage?[] fromPeers)
    {
        var seeds = SecretHandle.Allocate(64 * state.Held.Count);
        for (var k = 0; k < state.Held.Count; k++)
        {
            var s = state.Held[k];
            var h = DkgHash.Start("share", state.Ceremony);
            h.BlockUpdate([s.Value]);
            foreach (var m in s.Members())
                h.BlockUpdate(m == state.Index ? state.OwnSeed(k) : ContributionOf(fromPeers[m]!, state.Index, m, s));
            h.OutputFinal(seeds.Span.Slice(64 * k, 64));
        }
        return seeds;
    }

    private static ReadOnlySpan<byte> ContributionOf(SecretPackage p, int me, int sender, SubsetMask s)
    {
        var k = 0;
        foreach (var shared in DkgRound1.Shared(me, sender))
        {
            if (shared == s) return p.Value.Slice(32 * k, 32);
            k++;
        }
        throw Throw.Invariant($"subset {s} is not shared with the sender");
    }

    private static byte[] MaskedPartialKey(DkgState state, SecretPackage?[] fromPeers)
    {
        var a = Sampling.ExpandA(state.Rho);
        var m = new int[MlDsa65.K * MlDsa65.N];
        using var share = SecretHandle.Allocate((MlDsa65.L + MlDsa65.K) * MlDsa65.N * sizeof(int));
        var s1s2 = MemoryMarshal.Cast<byte, int>(share.Span);
        var t = new int[MlDsa65.K][];
        for (var k = 0; k < state.Held.Count; k++)
        {
            if (state.Held[k].Members().First() != state.Index) continue;
            PartyKeyShare.ExpandShare(state.SubsetSeeds!.Span.Slice(64 * k, 64), s1s2);
            PublicKeyDerivation.ComputeT(a, s1s2, t);
            for (var i = 0; i < MlDsa65.K; i++)
                for (var c = 0; c < MlDsa65.N; c++) m[i * MlDsa65.N + c] = Mod.Add(m[i * MlDsa65.N + c], t[i][c]);
        }
        foreach (var row in t) if (row is not null) Array.Clear(row); // u^S: sensitive, not published unmasked
        var mask = new int[MlDsa65.N];
        Span<byte> pairSeed = stackalloc byte[34];
        for (var j = 0; j < ThresholdParams.N; j++)
        {
            if (j == state.Index) continue;
            var mine = state.OwnPair(j).ToArray();
            var theirs = fromPeers[j]!.Value[96..].ToArray();
            var (lo, hi) = state.Index < j ? (mine, theirs) : (theirs, mine);
            DkgHash.Into(pairSeed[..32], "pair-mask", state.Ceremony, lo, hi, [(byte)Math.Min(state.Index, j), (byte)Math.Max(state.Index, j)]);
            CryptographicOperations.ZeroMemory(mine);
            CryptographicOperations.ZeroMemory(theirs);
            for (var i = 0; i < MlDsa65.K; i++)
            {
                pairSeed[32] = (byte)i;
                pairSeed[33] = 0xA5;
                Sampling.UniformPoly(pairSeed, mask);
                var row = m.AsSpan(i * MlDsa65.N, MlDsa65.N);
                for (var c = 0; c < MlDsa65.N; c++) row[c] = state.Index < j ? Mod.Add(row[c], mask[c]) : Mod.Sub(row[c], mask[c]);
            }
        }
        pairSeed.Clear();
        var packed = new byte[MlDsa65.K * MlDsa65.FullPolyBytes];
        SlotCodec.PackW(m, packed, 0);
        return packed;
    }
}

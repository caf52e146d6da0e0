using CcTsa.Crypto.Common;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// Round 3 (reference Round3/ComputeResponses): check every revealed W against its commitment
/// (a mismatch names the sender), sum them to w_κ, and for each slot answer
/// z = round(c·s1_i + y) unless (c·s_i + x_κ) leaves the radius-r ellipsoid, in which case the slot
/// is rejected. s_i is this signer's partial secret: the sum of the subsets
/// <see cref="Assignment"/> gives it for this signer set. Consumes the Round-1 state either way.
/// </summary>
public static class Round3
{
    public static Result<Response, MlDsaError> Respond(Round1State state, IReadOnlyList<Reveal> reveals)
    {
        ObjectDisposedException.ThrowIf(state.IsConsumed, state);
        if (state.Mu is null || state.Commitments is null) throw new InvalidOperationException("Round 3 needs Round 2 to have run on this state.");
        try
        {
            var w = RevealChecks.SumChecked(state.Share.PublicKey, state.Session, reveals, state.Commitments, (state.Share.Party, state.Revealed));
            if (!w.TryGet(out var sum, out var error)) return error.As<Response>();
            return Respond(state, sum);
        }
        finally
        {
            state.Dispose();
        }
    }

    /// <summary>
    /// The check Round 3 starts with, alone and without consuming the state: every revealed W
    /// against its Round-2 commitment (a mismatch names the sender). A coordinator runs it on its own
    /// state before relaying the reveals, so a bad one is blamed on its sender, not on the honest
    /// signers that would refuse it.
    /// </summary>
    public static MlDsaError? Check(Round1State state, IReadOnlyList<Reveal> reveals)
    {
        ObjectDisposedException.ThrowIf(state.IsConsumed, state);
        if (state.Commitments is null) throw new InvalidOperationException("Reveals are checked after Round 2 ran on this state.");
        return RevealChecks.SumChecked(state.Share.PublicKey, state.Session, reveals, state.Commitments).TryGet(out _, out var error) ? null : error;
    }

    private static Response Respond(Round1State state, int[][] w)
    {
        var share = state.Share;
        var packed = new byte[ThresholdParams.ResponseBytes];
        var zero = new int[MlDsa65.L * MlDsa65.N];
        ulong accepted = 0;
        using var scratch = new SignerScratch();
        // s_i stays small and centred (at most 4 subsets of η = 4): c·s_i is then a sparse integer
        // product (ChallengeProduct) instead of 12 NTTs per slot.
        var s = scratch.Polys;
        foreach (var mask in Assignment.For(state.Session.Signers, PartyIndex.Of(share.Party)))
        {
            var sub = share.SubsetSecret(mask);
            for (var c = 0; c < s.Length; c++) s[c] = Mod.Add(s[c], sub[c]);
        }
        for (var c = 0; c < s.Length; c++) s[c] = Mod.Center(s[c]);
        ChallengeProduct.Extend(s, scratch.Extended);

        var w1 = new int[MlDsa65.K * MlDsa65.N];
        var w0 = new int[MlDsa65.K * MlDsa65.N];
        var z = new int[MlDsa65.L * MlDsa65.N];
        for (var slot = 0; slot < ThresholdParams.Slots; slot++)
        {
            var dst = packed.AsSpan(slot * ThresholdParams.SlotResponseBytes, ThresholdParams.SlotResponseBytes);
            var challenge = Sampling.SampleInBall(SlotCodec.Challenge(state.Mu, w[slot], w1, w0));
            var cs = scratch.Products;
            ChallengeProduct.Multiply(challenge, scratch.Extended, cs);
            var lane = slot % Hyperball.Streams;
            if (lane == 0) Hyperball.Draw(state.RhoPrime, slot, Math.Min(Hyperball.Streams, ThresholdParams.Slots - slot), scratch.Random, scratch.Keccak);
            Hyperball.FromRandom(Hyperball.Stream(scratch.Random, lane), scratch.X);
            var v = scratch.X;
            for (var c = 0; c < Hyperball.Dimension; c++) v[c] += cs[c];
            if (!Hyperball.Exceeds(v, ThresholdParams.Radius) && TryRound(v, z))
            {
                SlotCodec.PackZ(z, dst);
                accepted |= 1UL << slot;
            }
            else
            {
                SlotCodec.PackZ(zero, dst);
            }
        }
        Array.Clear(z);
        return new Response(share.Party, accepted, packed);
    }

    /// <summary>z = round(v_y); false (reject the slot) in the ~2^-50 case a coordinate does not fit the z encoding.</summary>
    internal static bool TryRound(ReadOnlySpan<double> v, Span<int> z)
    {
        // |v| < 2^31 always (the slot passed the radius check: |v| ≤ ν·r ≈ 3.4·10⁶), so RoundAll applies.
        Hyperball.RoundAll(v[..z.Length], z);
        var bad = 0;
        for (var c = 0; c < z.Length; c++) bad |= (z[c] + MlDsa65.Gamma1 - 1) | (MlDsa65.Gamma1 - z[c]);
        return bad >= 0;
    }
}

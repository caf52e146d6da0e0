using CcTsa.Crypto.Common;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// The public combiner (reference Combine): for the first slot every signer accepted whose
/// aggregate z = Σ z_i passes ‖z‖∞ &lt; γ1 − β, whose f = (A·z − c·t1·2^d) − w passes ‖f‖∞ &lt; γ2
/// (this stands in for FIPS 204's r0 and c·t0 checks and needs neither t0 nor s2) and whose hint
/// has at most ω ones, output σ = c̃ ‖ z ‖ h — a standard ML-DSA-65 signature, checked with
/// <see cref="MlDsaVerifier"/> before release. No slot passing is <see cref="MlDsaFailure.RunRejected"/>.
/// </summary>
public static class Combine
{
    public static Result<byte[], MlDsaError> Sign(MlDsaPublicKey pk, MlDsaSession session, ReadOnlySpan<byte> message,
        ReadOnlySpan<byte> context, IReadOnlyList<Reveal> reveals, IReadOnlyList<Response> responses)
    {
        if (!RevealChecks.SumChecked(pk, session, reveals, null).TryGet(out var w, out var error)) return error.As<byte[]>();
        if (!ResponseChecks.SumChecked(session.Signers, responses).TryGet(out var zs, out error)) return error.As<byte[]>();
        var mu = pk.MessageRepresentative(message, context);
        var t1Hat = ScaledT1Hat(pk);
        var w1 = new int[MlDsa65.K * MlDsa65.N];
        var w0 = new int[MlDsa65.K * MlDsa65.N];
        var wPrime = new int[MlDsa65.K * MlDsa65.N];
        var zHat = new int[MlDsa65.L * MlDsa65.N];
        var z = new int[MlDsa65.L * MlDsa65.N];
        for (var slot = 0; slot < ThresholdParams.Slots; slot++)
        {
            if ((zs.Common >> slot & 1) == 0) continue;
            var zSum = zs.Sum[slot];
            for (var c = 0; c < z.Length; c++) z[c] = Mod.Center(zSum[c]);
            if (InfinityNorm(z) >= MlDsa65.Gamma1 - MlDsa65.Beta) continue;
            var cTilde = SlotCodec.Challenge(mu, w[slot], w1, w0);
            var cHat = Sampling.SampleInBall(cTilde);
            Ntt.Forward(cHat);
            zSum.CopyTo(zHat, 0);
            for (var j = 0; j < MlDsa65.L; j++) Ntt.Forward(zHat.AsSpan(j * MlDsa65.N, MlDsa65.N));
            AzMinusCt1(pk.A, zHat, cHat, t1Hat, wPrime);
            var f = new int[wPrime.Length];
            for (var c = 0; c < f.Length; c++) f[c] = Mod.Center(Mod.Sub(wPrime[c], w[slot][c]));
            if (InfinityNorm(f) >= MlDsa65.Gamma2) continue;
            var hint = new int[f.Length];
            var ones = 0;
            for (var c = 0; c < f.Length; c++) ones += hint[c] = Rounding.MakeHint(w0[c] + f[c], w1[c]);
            if (ones > MlDsa65.Omega) continue;
            var sigma = SignatureEncoding.Encode(cTilde, z, hint);
            return MlDsaVerifier.Verify(pk.Encoding, message, context, sigma) ? sigma
                : MlDsaError.Of(MlDsaFailure.SignatureInvalid, $"slot {slot} passed the combiner's checks but its signature does not verify").As<byte[]>();
        }
        return MlDsaError.Of(MlDsaFailure.RunRejected, "no slot of this run passed every check; start a new run").As<byte[]>();
    }

    /// <summary>NTT(t1·2^d), once per combine.</summary>
    private static int[][] ScaledT1Hat(MlDsaPublicKey pk)
    {
        var t = new int[MlDsa65.K][];
        for (var i = 0; i < MlDsa65.K; i++)
        {
            t[i] = pk.T1[i].Select(v => v << MlDsa65.D).ToArray();
            Ntt.Forward(t[i]);
        }
        return t;
    }

    /// <summary>w′ = InvNTT(Â∘ẑ − ĉ∘NTT(t1·2^d)): what the verifier computes, one inverse NTT per row.</summary>
    private static void AzMinusCt1(int[][] a, ReadOnlySpan<int> zHat, ReadOnlySpan<int> cHat, int[][] t1Hat, Span<int> wPrime)
    {
        Span<int> ct = stackalloc int[MlDsa65.N];
        wPrime.Clear();
        for (var i = 0; i < MlDsa65.K; i++)
        {
            var acc = wPrime.Slice(i * MlDsa65.N, MlDsa65.N);
            for (var j = 0; j < MlDsa65.L; j++) Ntt.MultiplyAccumulate(a[i * MlDsa65.L + j], zHat.Slice(j * MlDsa65.N, MlDsa65.N), acc);
            Ntt.Multiply(cHat, t1Hat[i], ct);
            for (var c = 0; c < MlDsa65.N; c++) acc[c] = Mod.Sub(acc[c], ct[c]);
            Ntt.Inverse(acc);
        }
    }

    private static int InfinityNorm(ReadOnlySpan<int> centred)
    {
        var m = 0;
        foreach (var v in centred) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}

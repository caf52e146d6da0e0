using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23.Ot;
using CcTsa.Crypto.P384;
using static CcTsa.Crypto.Dkls23.Dkls23Params;

namespace CcTsa.Crypto.Dkls23.Mul;

/// <summary>
/// Random vector OLE, DKLs23 Protocol 5.2 with ℓ = 2 (notes §6; sign conventions and the two paper
/// typos fixed as in sl-crypto/ToB App. F: μ uses θ_{k,i}, ã uses â_k). Bob has no input and gets a
/// random b; Alice inputs a ∈ Z_n^ℓ. Afterwards c_i + d_i = a_i·b. The μ check makes a malicious
/// Alice either use one consistent a across all ξ rows or be caught (a consistent but *wrong* a is
/// caught by the signing checks C4/C5 of Protocol 3.6).
/// </summary>
public static class Rvole
{
    private const int Width = Ell + Rho;

    /// <summary>Bob, step 1: random β, b = ⟨g, β⟩, and the OT-extension message for Alice.</summary>
    // optimized from the first call: in a busy signer process tiering left these at tier 0 for seconds (BENCHMARKS.md, issue 15 pass 4)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static OteMessage BobStart(OtReceiverSeeds seeds, Gadget g, ReadOnlySpan<byte> sid, out RvoleBobState state)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(g);
        var beta = GC.AllocateArray<byte>(Xi / 8, pinned: true);
        RandomNumberGenerator.Fill(beta);
        var b = P384Scalar.Zero;
        for (var j = 0; j < Xi; j++) b += P384Scalar.Select(Bit(beta, j), g[j]);
        var msg = OtExtension.Extend(seeds, sid, beta, out var gamma);
        state = new RvoleBobState(sid.ToArray(), beta, gamma, b);
        return msg;
    }

    /// <summary>
    /// Alice, step 2: verifies Bob's OT-extension check (false ⇒ ban Bob, P1), then returns her
    /// shares c (c_i = −Σ_j g_j·α^0_{j,i}) and the message (ã, η, μ).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool AliceRespond(OtSenderSeeds seeds, Gadget g, ReadOnlySpan<byte> sid, OteMessage msg, ReadOnlySpan<P384Scalar> a,
        out P384Scalar[] c, out RvoleMessage reply)
    {
        ArgumentNullException.ThrowIfNull(g);
        if (a.Length != Ell) throw new ArgumentException("RVOLE takes ℓ = 2 inputs.", nameof(a));
        c = [];
        reply = null!;
        if (!OtExtension.Receive(seeds, sid, msg, out var alpha0, out var alpha1)) return false;

        var full = new P384Scalar[Width];                       // a ‖ â, â fresh
        for (var i = 0; i < Ell; i++) full[i] = a[i];
        for (var k = 0; k < Rho; k++) full[Ell + k] = P384Scalar.Random();

        var aTilde = new P384Scalar[Xi][];
        var c0 = new ScalarSum();                               // Σ_j g_j·α^0_{j,i}, reduced once (ℓ = 2)
        var c1 = new ScalarSum();
        for (var j = 0; j < Xi; j++)
        {
            aTilde[j] = new P384Scalar[Width];
            for (var i = 0; i < Width; i++) aTilde[j][i] = alpha0[j][i] - alpha1[j][i] + full[i];
            c0.AddProduct(g[j], alpha0[j][0]);
            c1.AddProduct(g[j], alpha0[j][1]);
        }
        c = [-c0.Finish(), -c1.Finish()];
        var theta = Theta(sid, aTilde);
        var eta = new P384Scalar[Rho];
        for (var k = 0; k < Rho; k++)
        {
            eta[k] = full[Ell + k];
            for (var i = 0; i < Ell; i++) eta[k] += theta[k, i] * a[i];
        }
        reply = new RvoleMessage(aTilde, eta, Mu(sid, theta, alpha0, null, null));
        Wipe(alpha0);
        Wipe(alpha1);
        Array.Clear(full);
        return true;
    }

    /// <summary>
    /// Bob, step 3: e_j = γ_j + β_j·ã_j, recompute μ and compare in constant time (false ⇒ ban
    /// Alice); output d_i = Σ_j g_j·e_{j,i}. Consumes the state.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool BobFinish(RvoleBobState state, Gadget g, RvoleMessage msg, out P384Scalar[] d)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(msg);
        d = [];
        using (state)
        {
            if (!msg.IsWellFormed) return false;
            var sid = state.Sid;
            var e = new P384Scalar[Xi][];
            for (var j = 0; j < Xi; j++)
            {
                e[j] = new P384Scalar[Width];
                var bj = Bit(state.Beta, j);
                for (var i = 0; i < Width; i++) e[j][i] = state.Gamma[j][i] + P384Scalar.Select(bj, msg.ATilde[j][i]);
            }
            var theta = Theta(sid, msg.ATilde);
            var mu = Mu(sid, theta, e, state.Beta, msg.Eta);
            if (!CryptographicOperations.FixedTimeEquals(mu, msg.Mu)) return false;
            var d0 = new ScalarSum();                           // Σ_j g_j·e_{j,i}, reduced once (ℓ = 2)
            var d1 = new ScalarSum();
            for (var j = 0; j < Xi; j++)
            {
                d0.AddProduct(g[j], e[j][0]);
                d1.AddProduct(g[j], e[j][1]);
            }
            d = [d0.Finish(), d1.Finish()];
            Wipe(e);
            return true;
        }
    }

    /// <summary>
    /// θ ∈ Z_n^{ρ×ℓ} = SHAKE256(sid, BLAKE2b(sid, ã)): binds the check combination to Alice's message.
    /// θ and μ digest their ~10^4 scalars with <see cref="BulkHash"/> (BLAKE2b-512, about twice as
    /// fast per byte as SHAKE256) in Montgomery form (<see cref="BulkHash.AddMontgomery"/>:
    /// injective, no reduction per scalar); both sides run this same code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static P384Scalar[,] Theta(ReadOnlySpan<byte> sid, P384Scalar[][] aTilde)
    {
        byte[] digest;
        using (var h = new BulkHash("rvole/theta"))
        {
            h.Add(sid);
            foreach (var row in aTilde) foreach (var s in row) h.AddMontgomery(s);
            digest = h.Finish();
        }
        using var o = new Oracle("rvole/theta");
        var flat = o.Add(sid).Add(digest).FinishScalars(Rho * Ell);
        var theta = new P384Scalar[Rho, Ell];
        for (var k = 0; k < Rho; k++) for (var i = 0; i < Ell; i++) theta[k, i] = flat[(k * Ell) + i];
        return theta;
    }

    /// <summary>
    /// μ = H(sid, [v_{j,ℓ+k} + Σ_i θ_{k,i}·v_{j,i} − β_j·η_k]_{j,k}); Alice passes v = α^0 and no β/η
    /// (the term is zero for her), Bob passes v = e.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] Mu(ReadOnlySpan<byte> sid, P384Scalar[,] theta, P384Scalar[][] v, byte[]? beta, P384Scalar[]? eta)
    {
        using var o = new BulkHash("rvole/mu");
        o.Add(sid);
        for (var j = 0; j < Xi; j++)
        {
            var bj = beta is not null && Bit(beta, j);
            for (var k = 0; k < Rho; k++)
            {
                var x = v[j][Ell + k];
                for (var i = 0; i < Ell; i++) x += theta[k, i] * v[j][i];
                if (eta is not null) x -= P384Scalar.Select(bj, eta[k]);
                o.AddMontgomery(x);
            }
        }
        return o.Finish();
    }

    private static void Wipe(P384Scalar[][] rows)
    {
        foreach (var r in rows) Array.Clear(r);
    }

    internal static bool Bit(byte[] bits, int j) => ((bits[j >> 3] >> (j & 7)) & 1) == 1;
}

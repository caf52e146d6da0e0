using CcTsa.Crypto.Native;
using CcTsa.Crypto.Sharing;
using Org.BouncyCastle.Crypto.Digests;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// The reference implementation's dealer (NewThresholdKeysFromSeed): one seed ξ expands to ρ, every
/// key_i and every subset seed, so whoever runs it knows the whole key. It exists to reproduce the
/// reference's known answers and fixtures bit for bit; a deployment generates keys with the
/// dealerless DKG instead, where no party ever sees another subset's seed.
/// </summary>
public static class TrustedDealer
{
    public static (MlDsaPublicKey PublicKey, PartyKeyShare[] Shares) Deal(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != MlDsa65.SeedBytes) throw new ArgumentException($"The dealer seed is {MlDsa65.SeedBytes} bytes.", nameof(seed));
        // X = SHAKE256(ξ ‖ k ‖ l), read in order: ρ, key_0..key_4, seed_S (64 B) per subset ascending.
        var xof = new ShakeDigest(256);
        xof.BlockUpdate(seed);
        xof.BlockUpdate([MlDsa65.K, MlDsa65.L]);
        var rho = new byte[MlDsa65.SeedBytes];
        xof.Output(rho);
        using var keys = SecretHandle.Allocate(ThresholdParams.N * 32);
        xof.Output(keys.Span);
        using var seeds = SecretHandle.Allocate(ThresholdParams.SubsetCount * 64);
        xof.Output(seeds.Span);
        xof.Reset();

        var subsets = SubsetMask.All;
        var t = new int[MlDsa65.K][];
        using (var total = SecretHandle.Allocate((MlDsa65.L + MlDsa65.K) * MlDsa65.N * sizeof(int)))
        using (var one = SecretHandle.Allocate((MlDsa65.L + MlDsa65.K) * MlDsa65.N * sizeof(int)))
        {
            var sum = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(total.Span);
            var s = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(one.Span);
            for (var i = 0; i < subsets.Count; i++)
            {
                PartyKeyShare.ExpandShare(seeds.Span.Slice(i * 64, 64), s);
                for (var c = 0; c < sum.Length; c++) sum[c] = Mod.Add(sum[c], s[c]);
            }
            PublicKeyDerivation.ComputeT(Sampling.ExpandA(rho), sum, t);
        }
        var pk = PublicKeyDerivation.FromT(rho, t);

        var shares = new PartyKeyShare[ThresholdParams.N];
        var seedCopy = seeds.Span.ToArray();
        try
        {
            for (var i = 0; i < ThresholdParams.N; i++)
                shares[i] = PartyKeyShare.FromSubsetSeeds(PartyIndex.ToParticipant(i), pk, keys.Span.Slice(i * 32, 32),
                    mask => seedCopy.AsMemory(IndexOf(subsets, mask) * 64, 64));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(seedCopy);
        }
        return (pk, shares);
    }

    private static int IndexOf(IReadOnlyList<SubsetMask> all, SubsetMask m)
    {
        for (var i = 0; i < all.Count; i++) if (all[i] == m) return i;
        throw Throw.Invariant("unknown subset mask");
    }
}

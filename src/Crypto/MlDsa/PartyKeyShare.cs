using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// One party's threshold ML-DSA-65 key material: for each of the 6 subsets it belongs to, that
/// subset's 64-byte seed and the short secret (s1^S, s2^S) = ExpandS(seed_S) with coefficients in
/// [−η, η] (the seed is what redistribution hands a replacement node), plus key_i, a 32-byte secret
/// that hedges its nonce seeds. All of it lives in one sodium_malloc'd <see cref="SecretHandle"/> (wiped
/// on Dispose); there is no byte accessor, serializer or printable member.
/// </summary>
public sealed class PartyKeyShare : IDisposable
{
    private const int KeyBytes = 32;
    private const int SeedBytes = 64;
    private const int PolysPerSubset = MlDsa65.L + MlDsa65.K;
    private const int SubsetInts = PolysPerSubset * MlDsa65.N;

    // key_i ‖ 6 subset seeds ‖ for each held subset (ascending mask): s1 (L polys) ‖ s2 (K polys), int32 residues.
    private readonly SecretHandle _secret;

    private PartyKeyShare(ParticipantId party, MlDsaPublicKey publicKey, SecretHandle secret)
    {
        Party = party;
        PublicKey = publicKey;
        Held = SubsetMask.HeldBy(PartyIndex.Of(party));
        _secret = secret;
    }

    public ParticipantId Party { get; }

    public MlDsaPublicKey PublicKey { get; }

    /// <summary>The 6 subsets this party holds a share of, ascending.</summary>
    public IReadOnlyList<SubsetMask> Held { get; }

    public bool IsDisposed => _secret.IsClosed;

    internal ReadOnlySpan<byte> NonceKey => _secret.Span[..KeyBytes];

    /// <summary>The share of subset <paramref name="mask"/> as L + K polynomials (s1 then s2), residues mod q.</summary>
    internal ReadOnlySpan<int> SubsetSecret(SubsetMask mask)
    {
        var slot = IndexOf(mask);
        return MemoryMarshal.Cast<byte, int>(_secret.Span[PolysOffset..]).Slice(slot * SubsetInts, SubsetInts);
    }

    /// <summary>seed_S of a held subset (redistribution sends it, sealed, to a replacement node).</summary>
    internal ReadOnlySpan<byte> SubsetSeed(SubsetMask mask) => _secret.Span.Slice(KeyBytes + IndexOf(mask) * SeedBytes, SeedBytes);

    private static int PolysOffset => KeyBytes + ThresholdParams.SubsetsPerParty * SeedBytes;

    /// <summary>
    /// Builds a share from per-subset seeds: (s1^S, s2^S) = ExpandS(seed_S) exactly as FIPS 204
    /// expands ρ′ (RejBoundedPoly(seed_S ‖ LE16(j)), j &lt; 11). The caller wipes its seeds.
    /// </summary>
    internal static PartyKeyShare FromSubsetSeeds(ParticipantId party, MlDsaPublicKey publicKey, ReadOnlySpan<byte> nonceKey,
        Func<SubsetMask, ReadOnlyMemory<byte>> seedOf)
    {
        if (nonceKey.Length != KeyBytes) throw Throw.Argument(nameof(nonceKey), "key_i is 32 bytes.");
        var held = SubsetMask.HeldBy(PartyIndex.Of(party));
        var secret = SecretHandle.Allocate(PolysOffset + held.Count * SubsetInts * sizeof(int));
        var ok = false;
        try
        {
            nonceKey.CopyTo(secret.Span);
            var polys = MemoryMarshal.Cast<byte, int>(secret.Span[PolysOffset..]);
            for (var s = 0; s < held.Count; s++)
            {
                var seed = seedOf(held[s]).Span;
                if (seed.Length != SeedBytes) throw Throw.Argument(nameof(seedOf), "A subset seed is 64 bytes.");
                seed.CopyTo(secret.Span.Slice(KeyBytes + s * SeedBytes, SeedBytes));
                ExpandShare(seed, polys.Slice(s * SubsetInts, SubsetInts));
            }
            ok = true;
            return new PartyKeyShare(party, publicKey, secret);
        }
        finally
        {
            if (!ok) secret.Dispose();
        }
    }

    /// <summary>ExpandS(seed): s1 ‖ s2, 11 polynomials in [−η, η] as residues.</summary>
    internal static void ExpandShare(ReadOnlySpan<byte> seed, Span<int> s1s2)
    {
        for (var j = 0; j < PolysPerSubset; j++)
            Sampling.BoundedPoly(seed, (ushort)j, s1s2.Slice(j * MlDsa65.N, MlDsa65.N));
    }

    /// <summary>
    /// SHA-256 of the reference implementation's share serialization (id ‖ ρ ‖ key_i ‖ tr ‖ per
    /// subset: mask ‖ η-packed s1 ‖ s2), for its known-answer test. Only the digest leaves; the
    /// serialization is built in secret memory and wiped.
    /// </summary>
    internal byte[] ReferenceSerializationDigest()
    {
        var size = 1 + 32 + KeyBytes + MlDsa65.TrBytes + Held.Count * (1 + PolysPerSubset * MlDsa65.EtaPolyBytes);
        using var buf = SecretHandle.Allocate(size);
        using var packed = SecretHandle.Allocate(MlDsa65.N * sizeof(int));
        var o = buf.Span;
        o[0] = (byte)PartyIndex.Of(Party);
        PublicKey.Rho.CopyTo(o[1..]);
        NonceKey.CopyTo(o[33..]);
        PublicKey.Tr.CopyTo(o[65..]);
        var off = 65 + MlDsa65.TrBytes;
        var vals = MemoryMarshal.Cast<byte, int>(packed.Span);
        foreach (var mask in Held)
        {
            o[off++] = mask.Value;
            var sub = SubsetSecret(mask);
            for (var j = 0; j < PolysPerSubset; j++)
            {
                for (var c = 0; c < MlDsa65.N; c++) vals[c] = MlDsa65.Eta - Mod.Center(sub[j * MlDsa65.N + c]);
                BitPacking.Pack(vals, 4, o.Slice(off, MlDsa65.EtaPolyBytes));
                off += MlDsa65.EtaPolyBytes;
            }
        }
        return SHA256.HashData(o);
    }

    private int IndexOf(SubsetMask mask)
    {
        for (var i = 0; i < Held.Count; i++)
            if (Held[i] == mask) return i;
        throw Throw.Invariant($"party {Party} does not hold subset {mask}");
    }

    public void Dispose() => _secret.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"PartyKeyShare({Party}, [redacted])";
}

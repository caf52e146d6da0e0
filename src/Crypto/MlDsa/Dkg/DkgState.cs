using System.ComponentModel;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa.Dkg;

/// <summary>
/// One party's secret DKG state: its ρ contribution, its contribution r_{i,S} to each of its 6
/// subsets, its pair-mask contribution per peer and its nonce key; after round 3 also the derived
/// subset seeds. Sodium memory, wiped on Dispose, never printed.
/// </summary>
public sealed class DkgState : IDisposable
{
    internal const int RhoOffset = 0, SeedsOffset = 32, PairsOffset = SeedsOffset + 6 * 32, KeyOffset = PairsOffset + 5 * 32, Size = KeyOffset + 32;

    private readonly SecretHandle _own;

    internal DkgState(ParticipantId party, CeremonyId ceremony, SecretHandle own)
    {
        Party = party;
        Ceremony = ceremony;
        _own = own;
        Held = SubsetMask.HeldBy(PartyIndex.Of(party));
    }

    public ParticipantId Party { get; }

    public CeremonyId Ceremony { get; }

    internal IReadOnlyList<SubsetMask> Held { get; }

    internal int Index => PartyIndex.Of(Party);

    internal Span<byte> Own => _own.Span;

    internal ReadOnlySpan<byte> OwnRho => _own.Span.Slice(RhoOffset, 32);

    internal ReadOnlySpan<byte> OwnSeed(int heldSlot) => _own.Span.Slice(SeedsOffset + heldSlot * 32, 32);

    internal ReadOnlySpan<byte> OwnPair(int peerIndex) => _own.Span.Slice(PairsOffset + peerIndex * 32, 32);

    internal ReadOnlySpan<byte> NonceKey => _own.Span.Slice(KeyOffset, 32);

    internal IReadOnlyList<DkgCommitments>? Commitments { get; set; }

    /// <summary>Derived seed_S per held subset (64 B each), set in round 3.</summary>
    internal SecretHandle? SubsetSeeds { get; set; }

    internal byte[]? Rho { get; set; }

    public void Dispose()
    {
        _own.Dispose();
        SubsetSeeds?.Dispose();
    }

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"DkgState({Party}, {Ceremony}, [redacted])";
}

using CcTsa.Crypto.Native;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// A party's output of the DKG: its Shamir share p(i) (sodium memory), the threshold, the public
/// shares X_j = p(j)·G, the group key PK = p(0)·G and the key sid that binds every later pairwise
/// setup and signature to this key (TOB-SILA-10). The private key never exists anywhere.
/// </summary>
public sealed class KeyShare : IDisposable
{
    private readonly SecretHandle _share;

    internal KeyShare(ParticipantId self, int threshold, IReadOnlyList<ParticipantId> participants, P384Scalar share,
        IReadOnlyDictionary<ParticipantId, P384Point> publicShares, P384Point publicKey, byte[] sid)
        : this(self, threshold, participants, SecretHandle.Allocate(P384Scalar.Size), publicShares, publicKey, sid) => share.WriteTo(_share.Span);

    /// <summary>Takes ownership of a canonical share the generic DKG, refresh or repair computed in secret memory.</summary>
    internal KeyShare(ParticipantId self, int threshold, IReadOnlyList<ParticipantId> participants, SecretHandle share,
        IReadOnlyDictionary<ParticipantId, P384Point> publicShares, P384Point publicKey, byte[] sid)
    {
        Self = self;
        Threshold = threshold;
        Participants = participants;
        _share = share.Length == P384Scalar.Size ? share : throw new ArgumentException("A P-384 share is 48 bytes.", nameof(share));
        PublicShares = publicShares;
        PublicKey = publicKey;
        Sid = sid;
    }

    public ParticipantId Self { get; }

    public int Threshold { get; }

    public IReadOnlyList<ParticipantId> Participants { get; }

    public IReadOnlyDictionary<ParticipantId, P384Point> PublicShares { get; }

    public P384Point PublicKey { get; }

    /// <summary>H(context, t, participants, all commitments): the key's session id.</summary>
    public IReadOnlyList<byte> SidBytes => Sid;

    internal byte[] Sid { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _usedSigIds = new(StringComparer.Ordinal);

    /// <summary>
    /// Marks a signature id used; false when it was used before with this key share in this process.
    /// Reusing a sigid would rerun the OT-extension PRGs on the same rows (U from two sessions XOR to a
    /// choice difference, notes §5) and reuse zero shares: refused before round 1. The durable
    /// used-sigid set across restarts belongs to the caller (notes P2).
    /// </summary>
    internal bool TryReserveSigId(ReadOnlySpan<byte> sigid) => _usedSigIds.TryAdd(Convert.ToHexString(sigid), 0);

    /// <summary>The share's canonical encoding in secret memory, for the generic refresh and repair steps.</summary>
    internal ReadOnlySpan<byte> ShareEncoding => _share.Span;

    internal P384Scalar Share => P384Scalar.TryDecode(_share.Span, out var s) ? s : throw new InvalidOperationException("Corrupt share.");

    /// <summary>Test hook: overwrite the share (a deviating party using a wrong share).</summary>
    internal void CorruptShareForTest(P384Scalar other) => other.WriteTo(_share.Span);

    public void Dispose() => _share.Dispose();

    public override string ToString() => $"KeyShare({Self}, t={Threshold}, [redacted])";
}

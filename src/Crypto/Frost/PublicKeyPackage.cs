using System.Collections.Immutable;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// The public outcome of a DKG (or repair/refresh): every participant's verifying share Y_j, the
/// group verifying key and the threshold. Every participant derives the same package; the
/// coordinator uses it to verify signature shares and name a cheater.
/// </summary>
public sealed class PublicKeyPackage : IEquatable<PublicKeyPackage>
{
    internal PublicKeyPackage(ImmutableSortedDictionary<ParticipantId, Point> verifyingShares, Point verifyingKey, int minSigners)
    {
        VerifyingShares = verifyingShares;
        VerifyingKey = verifyingKey;
        MinSigners = minSigners;
    }

    public ImmutableSortedDictionary<ParticipantId, Point> VerifyingShares { get; }

    /// <summary>The group's Ed25519 public key.</summary>
    public Point VerifyingKey { get; }

    public int MinSigners { get; }

    public int MaxSigners => VerifyingShares.Count;

    /// <summary>Header ‖ u16 t ‖ verifying key ‖ u16 n ‖ n × (identifier ‖ verifying share), identifiers ascending.</summary>
    public byte[] ToBytes()
    {
        var o = new List<byte>(FrostWire.HeaderSize + 36 + (64 * VerifyingShares.Count));
        FrostWire.WriteHeader(o, FrostWire.Kind.PublicKeyPackage);
        FrostWire.WriteU16(o, MinSigners);
        o.AddRange(VerifyingKey.Encoding);
        FrostWire.WriteU16(o, VerifyingShares.Count);
        foreach (var (id, share) in VerifyingShares)
        {
            FrostWire.WriteId(o, id);
            o.AddRange(share.Encoding);
        }
        return [.. o];
    }

    public static Result<PublicKeyPackage, FrostError> FromBytes(ReadOnlySpan<byte> bytes)
    {
        var r = new FrostWire.Reader(bytes);
        int t = 0, n = 0;
        Point key = default;
        var e = r.Header(FrostWire.Kind.PublicKeyPackage);
        e ??= r.U16(out t);
        e ??= r.Point(out key);
        e ??= r.U16(out n);
        if (e is null && (t < 2 || n < t)) e = FrostError.Of(FrostFailure.InvalidThreshold, "need 2 ≤ t ≤ n");
        if (e is null && r.Remaining != n * 64) e = FrostError.Of(FrostFailure.MalformedEncoding, "length does not match the share count");
        var shares = ImmutableSortedDictionary.CreateBuilder<ParticipantId, Point>();
        ParticipantId previous = default;
        for (int i = 0; e is null && i < n; i++)
        {
            ParticipantId id = default;
            Point y = default;
            e ??= r.Id(out id);
            e ??= r.Point(out y);
            if (e is null && i > 0 && id <= previous) e = FrostError.Of(FrostFailure.MalformedEncoding, "identifiers not strictly ascending");
            if (e is null) { shares[id] = y; previous = id; }
        }
        e ??= r.End();
        return e is null ? new PublicKeyPackage(shares.ToImmutable(), key, t) : Result<PublicKeyPackage, FrostError>.Fail(e);
    }

    public bool Equals(PublicKeyPackage? other) =>
        other is not null && VerifyingKey == other.VerifyingKey && MinSigners == other.MinSigners
        && VerifyingShares.Count == other.VerifyingShares.Count
        && VerifyingShares.All(kv => other.VerifyingShares.TryGetValue(kv.Key, out var y) && y == kv.Value);

    public override bool Equals(object? obj) => Equals(obj as PublicKeyPackage);

    public override int GetHashCode() => VerifyingKey.GetHashCode();

    public override string ToString() => $"PublicKeyPackage({MinSigners}-of-{MaxSigners}, {VerifyingKey})";
}

using System.Security.Cryptography;
using CcTsa.Contracts.Hashing;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Merkle;

/// <summary>
/// RFC 9162 §2.1.1 hashing with SHA-256: a leaf is SHA-256(0x00 ‖ entry), an interior node
/// SHA-256(0x01 ‖ left ‖ right). The distinct prefixes keep a leaf from passing for a node
/// (second-preimage attack on the tree).
/// The span forms hash through OpenSSL's low-level SHA-256 where it loads, else through one reused
/// hasher per thread: for inputs this small, setting up an OpenSSL EVP digest per call (what a
/// one-shot hash does, and in part a reset) costs more than the hashing, and the append path hashes
/// about two of them per event.
/// </summary>
public static class MerkleHash
{
    public const byte LeafPrefix = 0x00;
    public const byte NodePrefix = 0x01;

    private static readonly byte[] LeafPrefixBytes = [LeafPrefix];
    private static readonly byte[] NodePrefixBytes = [NodePrefix];

    // OpenSSL's low-level SHA-256 where it loads (Linux): no per-digest EVP set-up, which for these
    // small inputs costs more than the hashing (LibcryptoSha256); null: the reused EVP hasher below
    private static readonly LibcryptoSha256? Direct = LibcryptoSha256.Instance;

    [ThreadStatic]
    private static IncrementalHash? t_hasher;

    /// <summary>Whether the hashes go through OpenSSL's low-level SHA-256 (true on Linux) rather than .NET's EVP path.</summary>
    public static bool UsesDirectSha256 => Direct is not null;

    /// <summary>MTH({}) = SHA-256 of the empty string (the root of an empty tree).</summary>
    public static Sha256Hash Empty { get; } = Sha256Hash.Of([]);

    public static Sha256Hash Leaf(ReadOnlySpan<byte> entry)
    {
        Span<byte> digest = stackalloc byte[Sha256Hash.Size];
        Leaf(entry, digest);
        return Sha256Hash.FromBytes(digest);
    }

    /// <summary>SHA-256(0x00 ‖ <paramref name="entry"/>) into <paramref name="digest"/> (32 bytes).</summary>
    public static void Leaf(ReadOnlySpan<byte> entry, Span<byte> digest) => Leaf(entry, [], [], digest);

    /// <summary>
    /// SHA-256(0x00 ‖ head ‖ body ‖ tail) into <paramref name="digest"/>: the leaf of the entry made
    /// of the three parts, hashed where they lie (a log entry wraps an event's stored bytes, which
    /// need not be copied into one buffer first).
    /// </summary>
    public static void Leaf(ReadOnlySpan<byte> head, ReadOnlySpan<byte> body, ReadOnlySpan<byte> tail, Span<byte> digest)
    {
        if (Direct is { } direct)
        {
            direct.Hash(LeafPrefixBytes, head, body, tail, digest);
            return;
        }
        var h = Hasher(digest);
        h.AppendData(LeafPrefixBytes);
        h.AppendData(head);
        h.AppendData(body);
        h.AppendData(tail);
        Finish(h, digest);
    }

    public static Sha256Hash Node(Sha256Hash left, Sha256Hash right)
    {
        Span<byte> both = stackalloc byte[2 * Sha256Hash.Size];
        left.CopyTo(both[..Sha256Hash.Size]);
        right.CopyTo(both[Sha256Hash.Size..]);
        Node(both[..Sha256Hash.Size], both[Sha256Hash.Size..], both[..Sha256Hash.Size]);
        return Sha256Hash.FromBytes(both[..Sha256Hash.Size]);
    }

    /// <summary>SHA-256(0x01 ‖ left ‖ right) into <paramref name="digest"/> (32 bytes; it may be one of the inputs).</summary>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> digest)
    {
        if (left.Length != Sha256Hash.Size || right.Length != Sha256Hash.Size)
            throw new ArgumentException($"Node children are {Sha256Hash.Size}-byte digests, got {left.Length} and {right.Length} bytes.");
        if (Direct is { } direct)
        {
            Span<byte> prefixed = stackalloc byte[1 + Sha256Hash.Size];
            prefixed[0] = NodePrefix;
            left.CopyTo(prefixed[1..]);
            direct.Hash(prefixed, right, [], [], digest);
            return;
        }
        var h = Hasher(digest);
        h.AppendData(NodePrefixBytes);
        h.AppendData(left);
        h.AppendData(right);
        Finish(h, digest);
    }

    /// <summary>This thread's hasher, checked against the destination first: a throw after AppendData would leave it dirty.</summary>
    private static IncrementalHash Hasher(Span<byte> digest)
    {
        if (digest.Length != Sha256Hash.Size)
            throw new ArgumentException($"A SHA-256 digest is {Sha256Hash.Size} bytes, the destination has {digest.Length}.", nameof(digest));
        return t_hasher ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    // the inputs were copied into the hasher by AppendData, so digest may alias them
    private static void Finish(IncrementalHash h, Span<byte> digest) => h.GetHashAndReset(digest);
}

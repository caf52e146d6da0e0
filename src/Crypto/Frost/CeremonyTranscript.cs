using System.Security.Cryptography;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// Broadcast consistency for round 1 (echo broadcast): the hash of the ceremony binding and of
/// every participant's round-1 package exactly as this participant received it (its own included),
/// in participant order. Participants exchange it before any secret share leaves them; if two
/// hashes differ the relay showed them different packages (or parameters) and everyone aborts.
/// Nobody is blamed: a differing hash proves that views differ, not who made them differ.
/// </summary>
public static class CeremonyTranscript
{
    public const int HashSize = 32;

    public static byte[] Hash(CeremonyBinding binding, IEnumerable<(ParticipantId Sender, byte[] Package)> round1)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(round1);
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData("cctsa-round1-transcript-v1"u8);
        h.AppendData(binding.Digest);
        Span<byte> id = stackalloc byte[32];
        Span<byte> length = stackalloc byte[4];
        foreach (var (sender, package) in round1.OrderBy(p => p.Sender))
        {
            sender.WriteTo(id);
            h.AppendData(id);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, package.Length);
            h.AppendData(length);
            h.AppendData(package);
        }
        return h.GetHashAndReset();
    }

    /// <summary>
    /// One participant's transcript entry: its round-1 package bytes ‖ its 32-byte ceremony public
    /// key, so the transcript every participant confirms also pins the key round-2 shares to it are
    /// sealed to (and a complaint judge's view of it).
    /// </summary>
    public static byte[] Entry(ReadOnlySpan<byte> package, ReadOnlySpan<byte> ceremonyKey) => [.. package, .. ceremonyKey];

    /// <summary>Constant-time comparison of two transcript hashes.</summary>
    public static bool Agree(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        a.Length == HashSize && b.Length == HashSize && CryptographicOperations.FixedTimeEquals(a, b);
}

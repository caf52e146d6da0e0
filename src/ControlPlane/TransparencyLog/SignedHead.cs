using System.Text.Json;
using CcTsa.Contracts.Hashing;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// A tree head as /api/log/head serves it (and `audit monitor` stores it): size, root, timestamp
/// and the DER TimeStampToken over <see cref="LogHeadMessage"/>. The client side of the log.
/// </summary>
public sealed record SignedHead(long TreeSize, Sha256Hash RootHash, DateTimeOffset Timestamp, byte[] Token)
{
    /// <summary>Reads the /api/log/head JSON; a malformed body is a <see cref="FormatException"/> naming the field.</summary>
    public static SignedHead Parse(JsonElement json)
    {
        try
        {
            var size = json.GetProperty("treeSize").GetInt64();
            var root = Convert.FromBase64String(json.GetProperty("rootHash").GetString() ?? "");
            var token = Convert.FromBase64String(json.GetProperty("token").GetString() ?? "");
            if (size < 0 || root.Length != Sha256Hash.Size) throw new FormatException("treeSize must be ≥ 0 and rootHash 32 bytes.");
            return new SignedHead(size, Sha256Hash.FromBytes(root), json.GetProperty("timestamp").GetDateTimeOffset(), token);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"Not a log head (treeSize, rootHash, timestamp, token): {e.Message}", e);
        }
    }

    /// <summary>The JSON shape of /api/log/head (what the monitor's state file holds).</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        treeSize = TreeSize,
        rootHash = Convert.ToBase64String(RootHash.ToArray()),
        timestamp = Timestamp,
        token = Convert.ToBase64String(Token),
    });

    /// <summary>Checks the head's token: signature and chain to the CA, and that it stamps exactly this size and root.</summary>
    public TokenVerdict Verify(ReadOnlyMemory<byte> caCertificateDer) =>
        TokenVerifier.Verify(Token, LogHeadMessage.Bytes(TreeSize, RootHash), new TokenVerificationOptions(caCertificateDer));

    public override string ToString() => $"size {TreeSize}, root {RootHash.Hex}, at {Timestamp:O}";
}

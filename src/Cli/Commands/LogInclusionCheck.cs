using System.Text.Json;
using CcTsa.Crypto.Merkle;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `verify … --log URL`: after the token verified, proves it is in the transparency log — the
/// latest signed head's token verifies against the same CA, the inclusion proof of the token's
/// serial leads to that head's root, and the proven entry is the TokenIssued of this serial and
/// imprint. Exit 0 when proven, 1 when not (with the reason).
/// </summary>
internal static class LogInclusionCheck
{
    public static async Task<int> RunAsync(string url, string? tokenFile, byte[] caDer, TstInfoSummary token, CancellationToken ct)
    {
        using var client = LogClient.Create(url, CliToken.Resolve(tokenFile, null, required: false));
        var head = await client.HeadAsync(ct).ConfigureAwait(false);
        var headVerdict = head.Verify(caDer);
        if (!headVerdict.IsValid)
            return Fail($"the log head's token does not verify ({headVerdict.Failure}: {headVerdict.Reason}); head {head}");
        var serial = token.Serial.ToHex();
        var proof = await client.InclusionAsync(serial, head.TreeSize, ct).ConfigureAwait(false);
        if (proof.TreeSize != head.TreeSize)
            return Fail($"the proof is for a tree of {proof.TreeSize} leaves, the head has {head.TreeSize}");
        if (!MerkleVerifier.VerifyInclusion(proof.LeafIndex, proof.TreeSize, MerkleHash.Leaf(proof.Entry), proof.AuditPath, head.RootHash))
            return Fail($"the inclusion proof of leaf {proof.LeafIndex} does not lead to the head's root {head.RootHash.Hex}");
        if (!EntryNames(proof.Entry, serial, Convert.ToHexStringLower(token.HashedMessage.AsSpan()), out var why))
            return Fail($"the proven entry is not this token's TokenIssued: {why}");
        Console.WriteLine($"log:       in the log at leaf {proof.LeafIndex} under the signed head {head}");
        return ExitCodes.Ok;
    }

    private static int Fail(string reason)
    {
        Console.WriteLine("log:       NOT PROVEN: " + reason);
        return ExitCodes.Invalid;
    }

    private static bool EntryNames(byte[] entry, string serial, string imprintHex, out string why)
    {
        try
        {
            var root = JsonDocument.Parse(entry).RootElement;
            var data = root.GetProperty("data");
            why = root.GetProperty("type").GetString() != "token_issued" ? "not a token_issued event"
                : !string.Equals(data.GetProperty("serial").GetString(), serial, StringComparison.OrdinalIgnoreCase) ? "another serial"
                : !string.Equals(data.GetProperty("imprintHex").GetString(), imprintHex, StringComparison.OrdinalIgnoreCase) ? "another imprint"
                : "";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            why = "unreadable entry: " + e.Message;
        }
        return why.Length == 0;
    }
}

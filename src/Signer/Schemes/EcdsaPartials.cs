using System.Security.Cryptography;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Dkls23.Sign;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Vault;

namespace CcTsa.Signer.Schemes;

/// <summary>
/// One node's online threshold-ECDSA messages for a round: every item's presignature is taken out
/// of the store (so used at most once) before any is signed, then each signs SHA-384 of its
/// message. A presignature is accepted only from the round's coordinator's run with exactly the
/// announced signers. Shared by the participant and the coordinator's own part.
/// </summary>
internal static class EcdsaPartials
{
    public static Result<IReadOnlyList<byte[]>, ShareRefusal> Produce(EcdsaEpochShare share, NodeId coordinator, IReadOnlyList<NodeId> signers,
        IReadOnlyList<byte[]> ids, IReadOnlyList<byte[]> messages)
    {
        var taken = ids.Select(id => share.Presignatures.Take(coordinator, id)).ToArray();
        try
        {
            var expected = signers.Select(ParticipantId.FromNode).Order().ToArray();
            for (var i = 0; i < taken.Length; i++)
            {
                // unknown: used already, never made, or wiped by a restart or refresh — the coordinator's stock is stale
                if (taken[i] is not { } p) return Refuse($"item {i}: unknown or used presignature", stale: true);
                if (!p.Signers.SequenceEqual(expected)) return Refuse($"item {i}: presignature made for another signer set");
            }
            var result = new byte[taken.Length][];
            for (var i = 0; i < taken.Length; i++)
            {
                if (!taken[i]!.Sign(SHA384.HashData(messages[i])).TryGet(out var partial, out var error)) return Refuse($"item {i}: {error.Failure}");
                result[i] = SignWire.Encode(partial);
            }
            return result;
        }
        finally
        {
            foreach (var p in taken) p?.Dispose();      // consumed whether the round succeeds or not
        }
    }

    /// <summary>The presignature id of each item: ShareItem.Commitments is exactly [id] for this scheme.</summary>
    public static IReadOnlyList<byte[]>? Ids(IReadOnlyList<ShareItem> items) =>
        items.All(i => i.Commitments is [{ Length: 32 }]) ? [.. items.Select(i => i.Commitments[0])] : null;

    private static Result<IReadOnlyList<byte[]>, ShareRefusal> Refuse(string why, bool stale = false) =>
        Result<IReadOnlyList<byte[]>, ShareRefusal>.Fail(new ShareRefusal(why, stale));
}

using System.Security.Cryptography;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// DKG confirmation round (notes §3 step 4, TOB-SILA-7): every party broadcasts
/// H(sid, t, PK, X_1..X_n) of its own output, and keeps its key share only if all are equal — a value
/// derived from commit–reveal can otherwise diverge silently between parties (a dealer sending
/// different commitment vectors to different peers). A mismatch aborts the ceremony; it cannot say
/// which side is wrong, so the digests that differ from ours are reported, not blamed.
/// </summary>
public static class DkgConfirm
{
    public static byte[] Digest(KeyShare key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var o = new Oracle("dkg/confirm");
        o.Add(key.Sid).Add(key.Threshold).Add(key.PublicKey);
        foreach (var j in key.Participants) o.Add(j.Value).Add(key.PublicShares[j]);
        return o.Finish(32);
    }

    /// <summary>Ok when every other participant's digest equals ours and none is missing.</summary>
    public static Result<KeyShare, Dkls23Error> Check(KeyShare key, IReadOnlyDictionary<ParticipantId, byte[]> peerDigests)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(peerDigests);
        var own = Digest(key);
        var others = key.Participants.Where(j => j != key.Self).ToArray();
        if (others.Any(j => !peerDigests.ContainsKey(j)) || peerDigests.Count != others.Length)
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "Confirmation digests missing or from unknown parties.").As<KeyShare>();
        var differing = others.Where(j => !CryptographicOperations.FixedTimeEquals(peerDigests[j], own)).ToArray();
        return differing.Length == 0
            ? key
            : new Dkls23Error(Dkls23Failure.TranscriptMismatch, [], $"{differing.Length} participant(s) hold a different key: {string.Join(", ", differing)}").As<KeyShare>();
    }
}

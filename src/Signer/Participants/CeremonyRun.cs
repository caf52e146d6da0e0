using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;

namespace CcTsa.Signer.Participants;

/// <summary>
/// One DKG or refresh ceremony as seen by one participant: its single-use ceremony key pair, the
/// public round-1 packages and ceremony keys received, the signed sealed round-2 packages, who
/// accepted their shares, pending complaints, and the secret packages between parts (wiped as soon
/// as the next part has used them, and on Dispose, with the ceremony key). Guarded by its own lock.
/// </summary>
internal sealed class CeremonyRun : ICeremonyRun
{
    /// <summary>Complaints kept per run: one per accused is all a participant can file.</summary>
    public const int MaxComplaints = 8;

    public CeremonyRun(CeremonyId ceremony) => Ceremony = ceremony;

    public Lock Gate { get; } = new();

    public CeremonyId Ceremony { get; }

    public BeginCeremony? Begin { get; set; }

    /// <summary>The ceremony as this node bound it when it began (set with <see cref="Secret1"/>).</summary>
    public CeremonyBinding? Binding { get; set; }

    /// <summary>This node's ceremony key pair (sodium memory): round-2 shares to it open with it alone.</summary>
    public ChannelKeyPair? CeremonyKeys { get; set; }

    /// <summary>The other participants' ceremony keys, from their signed round-1 broadcasts (the transcript covers them).</summary>
    public Dictionary<NodeId, ChannelPublicKey> CeremonyKeysOf { get; } = [];

    /// <summary>This node's own round-1 commitment (a judge needs it when this node is the accused).</summary>
    public Crypto.Sharing.FeldmanCommitment? OwnCommitment { get; set; }

    /// <summary>Every participant's transcript entry as received (round-1 package ‖ ceremony key) (own included): the transcript's input.</summary>
    public Dictionary<NodeId, byte[]> Round1Bytes { get; } = [];

    /// <summary>This node's round-1 transcript hash, once every round-1 package is in.</summary>
    public byte[]? Transcript { get; set; }

    /// <summary>The other participants' transcript hashes by sender.</summary>
    public Dictionary<NodeId, byte[]> Transcripts { get; } = [];

    /// <summary>DKG round-1 broadcasts by sender.</summary>
    public Dictionary<NodeId, Round1Package> Round1 { get; } = [];

    /// <summary>Refresh round-1 broadcasts (zero-constant commitments) by sender.</summary>
    public Dictionary<NodeId, RefreshRound1Package> RefreshRound1 { get; } = [];

    public int Round1Count(IReadOnlyList<NodeId> participants) =>
        Round1.Keys.Count(participants.Contains) + RefreshRound1.Keys.Count(participants.Contains);

    public Dictionary<NodeId, SignedDelivery> SealedRound2 { get; } = [];

    /// <summary>Participants that reported every share they got valid (for this transcript).</summary>
    public HashSet<NodeId> Accepted { get; } = [];

    /// <summary>Complaints received, judged once this node has the transcript.</summary>
    public List<CeremonyComplaintFiled> Complaints { get; } = [];

    /// <summary>This node's new key, held back until every other participant accepted its shares.</summary>
    public (KeyPackage Key, PublicKeyPackage PublicKeys)? Pending { get; set; }

    /// <summary>Set once this node checked its own shares (accepted or complained).</summary>
    public bool SharesChecked { get; set; }

    public Round1SecretPackage? Secret1 { get; set; }

    public Round2SecretPackage? Secret2 { get; set; }

    public bool Round2Sent { get; set; }

    /// <summary>The threshold-ECDSA (P-384) half of the run, carried by the same steps.</summary>
    public DkgEcdsa Ecdsa { get; } = new();

    /// <summary>The threshold ML-DSA-65 half of a DKG of all five, carried by the same steps.</summary>
    public DkgMlDsa MlDsa { get; } = new();

    public bool Done { get; set; }

    public void Dispose()
    {
        Secret1?.Dispose();
        Secret1 = null;
        Secret2?.Dispose();
        Secret2 = null;
        Pending?.Key.Dispose();
        Pending = null;
        Ecdsa.Dispose();
        MlDsa.Dispose();
        CeremonyKeys?.Dispose();
        CeremonyKeys = null;
        SealedRound2.Clear();
        Complaints.Clear();
    }

    public override string ToString() => $"CeremonyRun({Ceremony}, [redacted])";
}

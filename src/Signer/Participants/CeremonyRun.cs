using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;

namespace CcTsa.Signer.Participants;

/// <summary>
/// One DKG or refresh ceremony as seen by one participant: the public round-1 packages received,
/// the sealed round-2 packages waiting to be opened, and the secret packages between parts (wiped
/// as soon as the next part has used them, and on Dispose). Guarded by its own lock.
/// </summary>
internal sealed class CeremonyRun : ICeremonyRun
{
    public CeremonyRun(CeremonyId ceremony) => Ceremony = ceremony;

    public Lock Gate { get; } = new();

    public CeremonyId Ceremony { get; }

    public BeginCeremony? Begin { get; set; }

    /// <summary>The ceremony as this node bound it when it began (set with <see cref="Secret1"/>).</summary>
    public CeremonyBinding? Binding { get; set; }

    /// <summary>Every participant's round-1 package bytes as received (own included): the transcript's input.</summary>
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

    public Dictionary<NodeId, byte[]> SealedRound2 { get; } = [];

    public Round1SecretPackage? Secret1 { get; set; }

    public Round2SecretPackage? Secret2 { get; set; }

    public bool Round2Sent { get; set; }

    public bool Done { get; set; }

    public void Dispose()
    {
        Secret1?.Dispose();
        Secret1 = null;
        Secret2?.Dispose();
        Secret2 = null;
        SealedRound2.Clear();
    }

    public override string ToString() => $"CeremonyRun({Ceremony}, [redacted])";
}

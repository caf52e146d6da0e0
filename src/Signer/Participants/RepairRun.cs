using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Frost;

namespace CcTsa.Signer.Participants;

/// <summary>
/// One share repair (redistribution to a replacement node) as seen by one helper or by the
/// recipient: its single-use ceremony key pair, the other participants' announced ceremony keys,
/// sealed deltas/sigmas received so far and this helper's deltas (own and not yet sealed; wiped
/// when used and on Dispose, with the ceremony key). Guarded by its own lock.
/// </summary>
internal sealed class RepairRun : ICeremonyRun
{
    public RepairRun(CeremonyId ceremony) => Ceremony = ceremony;

    public Lock Gate { get; } = new();

    public CeremonyId Ceremony { get; }

    public BeginCeremony? Begin { get; set; }

    /// <summary>A helper's binding of the repair: its own public package's hash (the recipient binds per σ).</summary>
    public CeremonyBinding? Binding { get; set; }

    /// <summary>The helper's public package bytes the binding hashes; sent to the recipient with σ.</summary>
    public byte[]? PublicKeys { get; set; }

    /// <summary>Set when this helper has sent its deltas (it may then sum what it receives).</summary>
    public bool DeltasSent { get; set; }

    public RepairDelta? OwnDelta { get; set; }

    /// <summary>This node's ceremony key pair (sodium memory): deltas or σ to it open with it alone.</summary>
    public ChannelKeyPair? CeremonyKeys { get; set; }

    /// <summary>The other participants' ceremony keys, from their signed <see cref="CeremonyKeyAnnounced"/>.</summary>
    public Dictionary<NodeId, ChannelPublicKey> CeremonyKeysOf { get; } = [];

    /// <summary>Deltas for the other helpers, sealed once each helper announced its ceremony key.</summary>
    public List<RepairDelta>? Outgoing { get; set; }

    public Dictionary<NodeId, byte[]> SealedDeltas { get; } = [];

    /// <summary>σ deliveries by helper: the sealed σ (FROST ‖ P-384), the public context it vouches for, its sealed ML-DSA package.</summary>
    public Dictionary<NodeId, (byte[] Sealed, byte[]? PublicKeys, byte[]? MlDsa)> SealedSigmas { get; } = [];

    public bool SigmaSent { get; set; }

    public bool Done { get; set; }

    /// <summary>The threshold-ECDSA half of the repair (same messages, same seals' binding).</summary>
    public RepairEcdsa Ecdsa { get; } = new();

    public void Dispose()
    {
        OwnDelta?.Dispose();
        OwnDelta = null;
        foreach (var d in Outgoing ?? []) d.Dispose();
        Outgoing = null;
        CeremonyKeys?.Dispose();
        CeremonyKeys = null;
        Ecdsa.Dispose();
        SealedDeltas.Clear();
        SealedSigmas.Clear();
    }

    public override string ToString() => $"RepairRun({Ceremony}, [redacted])";
}

using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Frost;

namespace CcTsa.Signer.Participants;

/// <summary>
/// One share repair (redistribution to a replacement node) as seen by one helper or by the
/// recipient: sealed deltas/sigmas received so far and this helper's own delta (wiped when used
/// and on Dispose). Guarded by its own lock.
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

    public Dictionary<NodeId, byte[]> SealedDeltas { get; } = [];

    public Dictionary<NodeId, (byte[] Sealed, byte[]? PublicKeys)> SealedSigmas { get; } = [];

    public bool SigmaSent { get; set; }

    public bool Done { get; set; }

    public void Dispose()
    {
        OwnDelta?.Dispose();
        OwnDelta = null;
        SealedDeltas.Clear();
        SealedSigmas.Clear();
    }

    public override string ToString() => $"RepairRun({Ceremony}, [redacted])";
}

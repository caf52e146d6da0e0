using CcTsa.Crypto.Dkls23.Sign;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Signer.Vault;

/// <summary>
/// This node's side of one presigning run between its steps: the coordinator, the signer set, the
/// k signature ids and one secret <see cref="SignSession"/> each. Held in the epoch's
/// <see cref="EcdsaEpochShare"/> so it dies with the share; wiped when the run ends either way.
/// </summary>
public sealed class PresignRun(NodeId coordinator, IReadOnlyList<ParticipantId> signers, IReadOnlyList<byte[]> sigIds, IReadOnlyList<SignSession> sessions,
    DateTimeOffset started) : IDisposable
{
    public NodeId Coordinator { get; } = coordinator;

    public IReadOnlyList<ParticipantId> Signers { get; } = signers;

    public IReadOnlyList<byte[]> SigIds { get; } = sigIds;

    public IReadOnlyList<SignSession> Sessions { get; } = sessions;

    public DateTimeOffset Started { get; } = started;

    /// <summary>The last step this node ran (1 or 2); step 3 ends the run.</summary>
    public int Step { get; set; } = 1;

    public void Dispose()
    {
        foreach (var s in Sessions) s.Dispose();
    }

    public override string ToString() => $"PresignRun({Coordinator}, {SigIds.Count} ids, step {Step}, [redacted])";
}

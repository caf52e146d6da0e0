using System.Collections.Concurrent;
using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// Answers awaited by the coordinator: one slot per (round, participant). A participant's answer
/// (shares or refusal) completes its slot; unknown rounds and unexpected participants are ignored.
/// </summary>
public sealed class PendingRounds
{
    private readonly ConcurrentDictionary<(RoundId Round, NodeId Participant), TaskCompletionSource<ParticipantAnswer>> _slots = new();

    public Task<ParticipantAnswer> Expect(RoundId round, NodeId participant)
    {
        var tcs = new TaskCompletionSource<ParticipantAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _slots[(round, participant)] = tcs;
        return tcs.Task;
    }

    public bool Complete(SignatureSharesProduced produced)
    {
        ArgumentNullException.ThrowIfNull(produced);
        return _slots.TryRemove((produced.Round, produced.Participant), out var tcs)
            && tcs.TrySetResult(new ParticipantAnswer(produced.Participant, produced.Shares, null));
    }

    public bool Complete(SignatureSharesRefused refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return _slots.TryRemove((refused.Round, refused.Participant), out var tcs)
            && tcs.TrySetResult(new ParticipantAnswer(refused.Participant, null, refused.Reason, refused.StaleCommitments, refused.Late));
    }

    /// <summary>Drops the slots of a finished or abandoned round.</summary>
    public void Abandon(RoundId round, IEnumerable<NodeId> participants)
    {
        ArgumentNullException.ThrowIfNull(participants);
        foreach (var p in participants) _slots.TryRemove((round, p), out _);
    }
}

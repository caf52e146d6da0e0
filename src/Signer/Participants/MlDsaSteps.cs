using System.Collections.Concurrent;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Schemes;

namespace CcTsa.Signer.Participants;

/// <summary>
/// One node's part of threshold ML-DSA-65 signing runs, the same whether the coordinator is a
/// peer or this node: step 1 commits (fresh hedged nonces per item, bound to the run, item and
/// signer set), step 2 fixes every signer's commitment and the message and reveals W, and the
/// response (<see cref="Respond"/>) comes only through <see cref="SigningParticipant"/>, after the
/// purpose accepted every item, and only for the message fixed at step 2. A run's nonce states are
/// single use (Round 3 consumes them), bounded in number, and wiped when they age out unanswered.
/// </summary>
internal sealed class MlDsaSteps(NodeContext node)
{
    /// <summary>Most items one run may carry (bounds the work and memory of one request: ~0.5 MB of state per item).</summary>
    public const int MaxPerRun = 16;

    /// <summary>Most item states open at once on this node, over all coordinators (shared fairly: <see cref="OpenItemShares"/>).</summary>
    private const int MaxOpenItems = 128;

    private readonly ConcurrentDictionary<(NodeId Coordinator, RoundId Run), OpenRun> _open = new();

    public MlDsaRoundAnswered Answer(MlDsaRoundRequested m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return m.Step switch
        {
            1 => Commit(m),
            2 => Reveal(m),
            _ => Fail(m, "unknown step"),
        };
    }

    private MlDsaRoundAnswered Commit(MlDsaRoundRequested m)
    {
        if (m.Count is < 1 or > MaxPerRun) return Fail(m, $"1 to {MaxPerRun} items expected");
        if (SignerSetOf(m.Signers) is not { } set || !m.Signers.Contains(node.Id) || !m.Signers.Contains(m.Coordinator))
            return Fail(m, $"signer set must be {ThresholdParams.T} distinct nodes among n1..n{ThresholdParams.N} naming this node and the coordinator");
        EvictExpired();
        // this node's own runs are never made room from: it is their coordinator, and a batch it is signing would fail
        var room = OpenItemShares.MakeRoom([.. _open.Select(kv => (kv.Key, kv.Key.Coordinator, kv.Value.States.Count, kv.Value.Opened))],
            m.Coordinator, m.Count, MaxOpenItems, ThresholdParams.N, protectedCoordinator: node.Id);
        if (room is null) return Fail(m, "too many open ML-DSA runs");
        foreach (var key in room) Wipe(key);
        var opened = node.Vault.Use(m.Epoch.Number, s => s.MlDsa is { } share
            ? Enumerable.Range(1, m.Count).Select(i => Round1.Commit(share.Key, new MlDsaSession(m.Run, i, set))).ToList()
            : null, out var commits) ? commits : null;
        if (opened is null) return Fail(m, "no threshold ML-DSA-65 share for the epoch");
        var run = new OpenRun(m.Epoch.Number, set, [.. opened.Select(o => o.State)], node.Options.Time.GetTimestamp());
        if (!_open.TryAdd((m.Coordinator, m.Run), run))
        {
            run.Dispose();
            return Fail(m, "run already open");
        }
        return new MlDsaRoundAnswered(m.Run, node.Id, m.Coordinator, 1, [.. opened.Select(o => o.Commitment.Hash.ToArray())]);
    }

    private MlDsaRoundAnswered Reveal(MlDsaRoundRequested m)
    {
        if (!_open.TryGetValue((m.Coordinator, m.Run), out var run)) return Fail(m, "unknown or expired ML-DSA run");
        lock (run)
        {
            // wiped (expired, or room for another coordinator) between the look-up and the lock
            if (!IsOpen((m.Coordinator, m.Run), run)) return Fail(m, "unknown or expired ML-DSA run");
            if (run.Messages is not null || m.Messages.Count != run.States.Count || m.Commitments.Count != run.States.Count)
                return Drop(m, run, "reveal step does not match the run");
            var members = run.Set.Members;
            var reveals = new List<byte[]>(run.States.Count);
            for (var i = 0; i < run.States.Count; i++)
            {
                if (m.Commitments[i] is not { } cmts || cmts.Count != members.Count || m.Messages[i] is null)
                    return Drop(m, run, $"item {i}: one commitment per signer expected");
                var commitments = members.Select((p, j) => new Commitment(p, cmts[j] ?? [])).ToList();
                if (!Round2.Reveal(run.States[i], commitments, m.Messages[i], []).TryGet(out var reveal, out var error))
                    return Drop(m, run, $"item {i}: {error}", error.Culprits);
                reveals.Add(reveal.Packed.ToArray());
            }
            run.Messages = [.. m.Messages];
            return new MlDsaRoundAnswered(m.Run, node.Id, m.Coordinator, 2, reveals);
        }
    }

    /// <summary>
    /// The coordinator's check of the relayed reveals on its own states (<see cref="Round3.Check"/>):
    /// null when every item's reveals open their commitments, else the error naming the sender.
    /// </summary>
    public MlDsaError? CheckOwn(RoundId runId, IReadOnlyList<IReadOnlyList<Reveal>> reveals)
    {
        if (!_open.TryGetValue((node.Id, runId), out var run)) return MlDsaError.Of(MlDsaFailure.WrongParticipants, "own run expired");
        lock (run)
        {
            if (!IsOpen((node.Id, runId), run)) return MlDsaError.Of(MlDsaFailure.WrongParticipants, "own run expired");
            for (var i = 0; i < run.States.Count; i++)
                if (Round3.Check(run.States[i], reveals[i]) is { } error) return error;
            return null;
        }
    }

    /// <summary>Round 3 for a run whose step 2 ran here, after the purpose accepted every item: one response per item.</summary>
    public Result<IReadOnlyList<byte[]>, ShareRefusal> Respond(int epoch, NodeId coordinator, IReadOnlyList<NodeId> signers, IReadOnlyList<ShareItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0 || MlDsaWire.ItemHeader(items[0].Commitments) is not { } first) return Refuse("each item must carry the run header and one reveal per signer");
        // taken out first: whatever follows, these nonces never answer twice
        if (!_open.TryRemove((coordinator, first.Run), out var run)) return Refuse("unknown, used or expired ML-DSA run");
        using (run)
        lock (run)
        {
            if (run.Epoch != epoch || run.Messages is null || items.Count != run.States.Count) return Refuse("round does not match the run's reveal step");
            if (SignerSetOf(signers) is not { } set || set != run.Set) return Refuse("signer set differs from the run's");
            var responses = new byte[items.Count][];
            for (var i = 0; i < items.Count; i++)
            {
                if (MlDsaWire.ItemHeader(items[i].Commitments) is not { } h || h.Run != first.Run || h.Item != i + 1)
                    return Refuse($"item {i}: header does not name item {i + 1} of the run");
                if (!items[i].Message.AsSpan().SequenceEqual(run.Messages[i])) return Refuse($"item {i}: message differs from the one revealed for");
                if (MlDsaWire.Reveals(items[i].Commitments, run.Set) is not { } reveals) return Refuse($"item {i}: one reveal per signer expected");
                try
                {
                    if (!Round3.Respond(run.States[i], reveals).TryGet(out var response, out var error)) return Refuse($"item {i}: {error}");
                    responses[i] = MlDsaWire.Encode(response);
                }
                catch (ObjectDisposedException) { return Refuse("the ML-DSA share of the epoch was replaced during the run"); }
            }
            return responses;
        }
    }

    /// <summary>Drops this node's own open run (the coordinator gave up before the response round).</summary>
    public void Abandon(NodeId coordinator, RoundId run)
    {
        Wipe((coordinator, run));
    }

    private void EvictExpired()
    {
        var limit = 4 * node.Options.RoundTimeout;
        foreach (var (key, run) in _open)
            if (node.Options.Time.GetElapsedTime(run.Opened) > limit) Wipe(key);
    }

    private bool IsOpen((NodeId Coordinator, RoundId Run) key, OpenRun run) => _open.TryGetValue(key, out var still) && ReferenceEquals(still, run);

    // taken out first, then wiped under the run's lock: a reveal already inside finishes on live states
    private void Wipe((NodeId Coordinator, RoundId Run) key)
    {
        if (!_open.TryRemove(key, out var run)) return;
        lock (run) run.Dispose();
    }

    private static SignerSet? SignerSetOf(IReadOnlyList<NodeId> signers)
    {
        if (signers is not { Count: ThresholdParams.T } || signers.Any(s => s.Index is < 1 or > ThresholdParams.N) || signers.Distinct().Count() != signers.Count) return null;
        return SignerSet.Of(signers.Select(ParticipantId.FromNode));
    }

    private MlDsaRoundAnswered Drop(MlDsaRoundRequested m, OpenRun run, string why, IReadOnlyList<ParticipantId>? culprits = null)
    {
        if (_open.TryRemove((m.Coordinator, m.Run), out _)) run.Dispose();
        return Fail(m, why, culprits);
    }

    private static MlDsaRoundAnswered Fail(MlDsaRoundRequested m, string why, IReadOnlyList<ParticipantId>? culprits = null) =>
        new(m.Run, m.Participant, m.Coordinator, m.Step, [], why, culprits is null ? null : [.. culprits.Select(c => NodeId.FromIndex(c.Value))]);

    private static Result<IReadOnlyList<byte[]>, ShareRefusal> Refuse(string why) => Result<IReadOnlyList<byte[]>, ShareRefusal>.Fail(new ShareRefusal(why));

    /// <summary>One coordinator's run on this node: the item states (nonces) and, after step 2, the messages they are bound to.</summary>
    private sealed class OpenRun(int epoch, SignerSet set, IReadOnlyList<Round1State> states, long opened) : IDisposable
    {
        public int Epoch { get; } = epoch;

        public SignerSet Set { get; } = set;

        public IReadOnlyList<Round1State> States { get; } = states;

        public long Opened { get; } = opened;

        public byte[][]? Messages { get; set; }

        public void Dispose()
        {
            foreach (var s in States) s.Dispose();
        }
    }
}

using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Dkls23;
using CcTsa.Crypto.Dkls23.Sign;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Vault;

namespace CcTsa.Signer.Participants;

/// <summary>
/// One node's part of a presigning run (<see cref="PresignStepRequested"/>), the same whether the
/// request came over the bus or from this node as coordinator: step 1 opens k DKLs23 sessions
/// (round 1), step 2 runs round 2 on the relayed round-1 messages, step 3 runs the round-3 checks
/// and stores the k presignatures for the run's coordinator. Everything runs inside the vault's
/// read lock on the epoch's <see cref="EcdsaEpochShare"/>, so a refresh or discard can't wipe the
/// key mid-step and a run never outlives the share. Any failure wipes the run.
/// </summary>
internal sealed class PresignSteps(NodeContext node, IPairChecks? pairs = null)
{
    /// <summary>Most presignatures one run may make (bounds the work and memory of one request).</summary>
    public const int MaxPerRun = 32;

    private const int SigIdLength = 32;

    public PresignStepAnswered Answer(PresignStepRequested m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (!node.Vault.Use(m.Epoch.Number, s => s.Ecdsa is { } ecdsa ? Step(ecdsa, m) : Fail(m, "no threshold-ECDSA share for the epoch"), out var answer))
            return Fail(m, "epoch not held");
        return answer;
    }

    private PresignStepAnswered Step(EcdsaEpochShare share, PresignStepRequested m) => m.Step switch
    {
        1 => Open(share, m),
        2 => Round2(share, m),
        3 => Finish(share, m),
        _ => Fail(m, "unknown step"),
    };

    private PresignStepAnswered Open(EcdsaEpochShare share, PresignStepRequested m)
    {
        if (m.SigIds is not { Count: > 0 and <= MaxPerRun } ids || ids.Any(i => i is not { Length: SigIdLength })
            || ids.Select(Convert.ToHexString).Distinct().Count() != ids.Count)
            return Fail(m, $"1 to {MaxPerRun} distinct signature ids of {SigIdLength} bytes expected");
        if (m.Signers is not { Count: > 0 and <= 64 } || !m.Signers.Contains(node.Id) || !m.Signers.Contains(m.Coordinator))
            return Fail(m, "signer set must name this node and the coordinator");
        var signers = m.Signers.Select(ParticipantId.FromNode).Order().ToArray();
        var sessions = new List<SignSession>(ids.Count);
        var commitments = new List<byte[]>(ids.Count);
        var toPeers = new Dictionary<ParticipantId, List<byte[]>>();
        foreach (var sigid in ids)
        {
            var r1 = SignRound1.Run(share.Key, share.Pairs, signers, sigid);
            if (!r1.TryGet(out var opened, out var error))
            {
                foreach (var s in sessions) s.Dispose();
                return Fail(m, error);
            }
            sessions.Add(opened.Session);
            commitments.Add(opened.Broadcast.Commitment);
            foreach (var p in opened.ToPeers)
                (toPeers.TryGetValue(p.To, out var list) ? list : toPeers[p.To] = []).Add(SignWire.Encode(p));
        }
        var run = new PresignRun(m.Coordinator, signers, [.. ids], sessions, node.Options.Time.GetUtcNow());
        if (!share.OpenRun(m.Run, run))
        {
            run.Dispose();
            return Fail(m, "run already open");
        }
        return Answered(m, [new PresignPayloads(node.Id, commitments)], Payloads(toPeers));
    }

    private PresignStepAnswered Round2(EcdsaEpochShare share, PresignStepRequested m)
    {
        if (share.Run(m.Run, m.Coordinator) is not { Step: 1 } run) return Fail(m, "no run at step 1");
        run.Step = 2;
        var peers = run.Signers.Where(p => p != share.Key.Self).ToArray();
        if (Relayed(m.Broadcasts, peers, run.SigIds.Count) is not null || Relayed(m.FromPeers, peers, run.SigIds.Count) is not null)
            return Abort(share, m, "round-1 relay does not match the signer set");
        var toPeers = new Dictionary<ParticipantId, List<byte[]>>();
        for (var k = 0; k < run.SigIds.Count; k++)
        {
            var broadcasts = m.Broadcasts.Select(b => new SignRound1Broadcast(ParticipantId.FromNode(b.Node), b.Items[k])).ToList();
            var p2p = new List<SignRound1P2p>();
            foreach (var from in m.FromPeers)
            {
                var sender = ParticipantId.FromNode(from.Node);
                if (SignWire.DecodeRound1(sender, share.Key.Self, from.Items[k]) is not { } decoded)
                    return Abort(share, m, "malformed round-1 message", [from.Node]);
                p2p.Add(decoded);
            }
            if (!SignRound2.Run(run.Sessions[k], broadcasts, p2p).TryGet(out var replies, out var error))
                return Round2Failed(share, m, run.Sessions[k], error);
            foreach (var r in replies) (toPeers.TryGetValue(r.To, out var list) ? list : toPeers[r.To] = []).Add(SignWire.Encode(r));
        }
        foreach (var p in peers) pairs?.OnPairsMatched(m.Epoch.Number, NodeId.FromIndex(p.Value));
        return Answered(m, [], Payloads(toPeers));
    }

    /// <summary>
    /// Pair tags that differ (pair states from two setups: a lost setup message) abort the run naming
    /// nobody and get the pairs redone; the coordinator retries once they are. An OT-extension check
    /// that fails with matching tags is a cheating Bob, named. Either way the pair is set up afresh.
    /// </summary>
    private PresignStepAnswered Round2Failed(EcdsaEpochShare share, PresignStepRequested m, SignSession session, Dkls23Error error)
    {
        if (error.Failure == Dkls23Failure.OtExtensionCheckFailed)
            foreach (var c in error.Culprits) pairs?.OnPairCheckFailed(m.Epoch.Number, NodeId.FromIndex(c.Value));
        if (error.Failure != Dkls23Failure.PairMismatch) return Abort(share, m, error);
        // every unpaired peer is reported (each gets its redo); only one whose mismatch persists is named
        var persistent = new List<NodeId>();
        foreach (var p in error.Unpaired)
        {
            var peer = NodeId.FromIndex(p.Value);
            if (pairs?.OnPairsDiffer(m.Epoch.Number, peer, session.SetupTagOf(p)) == true) persistent.Add(peer);
        }
        // the unpaired peers go back to the coordinator: when only it sees the mismatch, only they sit out the retry
        return Abort(share, m, persistent.Count > 0 ? $"{error.Failure} persisted over fresh setups" : $"{error.Failure}", persistent)
            with { Unpaired = [.. error.Unpaired.Select(p => NodeId.FromIndex(p.Value))] };
    }

    private PresignStepAnswered Finish(EcdsaEpochShare share, PresignStepRequested m)
    {
        if (share.Run(m.Run, m.Coordinator) is not { Step: 2 } run) return Fail(m, "no run at step 2");
        var peers = run.Signers.Where(p => p != share.Key.Self).ToArray();
        if (Relayed(m.FromPeers, peers, run.SigIds.Count) is not null) return Abort(share, m, "round-2 relay does not match the signer set");
        var made = new List<Presignature>(run.SigIds.Count);
        try
        {
            for (var k = 0; k < run.SigIds.Count; k++)
            {
                var p2p = new List<SignRound2P2p>();
                foreach (var from in m.FromPeers)
                {
                    if (SignWire.DecodeRound2(ParticipantId.FromNode(from.Node), share.Key.Self, from.Items[k]) is not { } decoded)
                        return Abort(share, m, "malformed round-2 message", [from.Node]);
                    p2p.Add(decoded);
                }
                if (!Presign.Finish(run.Sessions[k], p2p).TryGet(out var presignature, out var error)) return Abort(share, m, error);
                made.Add(presignature);
            }
            share.CloseRun(m.Run);
            var kept = made.Count(p => share.Presignatures.Add(m.Coordinator, p));
            made.Clear();
            return kept == run.SigIds.Count ? Answered(m, [], []) : Fail(m, "presignature store full");
        }
        finally
        {
            foreach (var p in made) p.Dispose();           // an aborted run keeps none of its presignatures
        }
    }

    /// <summary>Null when there is exactly one payload list per peer, each of <paramref name="count"/> items.</summary>
    private static string? Relayed(IReadOnlyList<PresignPayloads>? relayed, ParticipantId[] peers, int count) =>
        relayed is null || relayed.Count != peers.Length || relayed.Select(r => r.Node).Distinct().Count() != peers.Length
        || relayed.Any(r => r.Items is null || r.Items.Count != count || !peers.Contains(ParticipantId.FromNode(r.Node)))
            ? "relay mismatch" : null;

    private static List<PresignPayloads> Payloads(Dictionary<ParticipantId, List<byte[]>> byPeer) =>
        [.. byPeer.OrderBy(p => p.Key).Select(p => new PresignPayloads(NodeId.FromIndex(p.Key.Value), p.Value))];

    private PresignStepAnswered Abort(EcdsaEpochShare share, PresignStepRequested m, Dkls23Error error)
    {
        share.CloseRun(m.Run);
        // the failure kind and the culprit only: Dkls23Error details never carry secret values
        return Fail(m, $"{error.Failure}", [.. error.Culprits.Select(c => NodeId.FromIndex(c.Value))]);
    }

    private PresignStepAnswered Abort(EcdsaEpochShare share, PresignStepRequested m, string why, IReadOnlyList<NodeId>? culprits = null)
    {
        share.CloseRun(m.Run);
        return Fail(m, why, culprits);
    }

    private PresignStepAnswered Fail(PresignStepRequested m, Dkls23Error error) =>
        Fail(m, $"{error.Failure}", [.. error.Culprits.Select(c => NodeId.FromIndex(c.Value))]);

    private PresignStepAnswered Fail(PresignStepRequested m, string why, IReadOnlyList<NodeId>? culprits = null)
    {
        SignerLog.PresignStepFailed(node.Logger, node.Id, m.Run, m.Step, m.Coordinator, why);
        return new PresignStepAnswered(m.Run, node.Id, m.Coordinator, m.Step, [], [], why, culprits ?? []);
    }

    private PresignStepAnswered Answered(PresignStepRequested m, IReadOnlyList<PresignPayloads> broadcasts, IReadOnlyList<PresignPayloads> toPeers) =>
        new(m.Run, node.Id, m.Coordinator, m.Step, broadcasts, toPeers);
}

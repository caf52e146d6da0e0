using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Vault;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Round 2 for a whole batch. Before releasing any share the node checks, for every item, what it
/// is asked to sign: the signed attributes name the epoch's certificate and the TSTInfo's digest,
/// the policy is the installed one, genTime is within accuracy of its own trusted clock, and the
/// commitment list holds exactly the announced signers, with its own commitment taken from its pool
/// (single use). Any failure refuses the whole round: no partial batch leaves the node.
/// </summary>
internal sealed class SigningParticipant(NodeContext node) : IConsumer<ProduceSignatureShares>
{
    public async Task Consume(ConsumeContext<ProduceSignatureShares> context)
    {
        var m = context.Message;
        if (m.Participant != node.Id) return;
        if (!node.Accepts(m.Coordinator, nameof(ProduceSignatureShares))) return;
        var shares = Produce(m, out var refusal, out var stale);
        if (shares is not null)
        {
            SignerLog.SharesProduced(node.Logger, node.Id, m.Items.Count, m.Round);
            await node.Messenger.SendAsync(m.Coordinator, new SignatureSharesProduced(m.Round, node.Id, shares), context.CancellationToken).ConfigureAwait(false);
        }
        else
        {
            SignerLog.SharesRefused(node.Logger, node.Id, m.Round, m.Coordinator, refusal!);
            await node.Messenger.SendAsync(m.Coordinator, new SignatureSharesRefused(m.Round, node.Id, refusal!, stale), context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The serialized shares for every item, or null with the reason for refusing (and whether only stale commitments were the problem).</summary>
    public IReadOnlyList<byte[]>? Produce(ProduceSignatureShares m, out string? refusal, out bool staleCommitments)
    {
        ArgumentNullException.ThrowIfNull(m);
        staleCommitments = false;
        if (!node.ClockHealthy) return Refuse("clock excluded from signing", out refusal);
        if (node.Certificates.For(m.Epoch) is not { } cert) return Refuse("no certificate installed for the epoch", out refusal);
        if (!m.Signers.Contains(node.Id)) return Refuse("not among the announced signers", out refusal);
        if (m.Signers.Distinct().Count() != m.Signers.Count) return Refuse("duplicate signers", out refusal);
        if (m.Items.Count == 0) return Refuse("empty batch", out refusal);
        var now = node.Now();
        var packages = new SigningPackage[m.Items.Count];
        for (int i = 0; i < m.Items.Count; i++)
        {
            var why = Check(m, m.Items[i], cert, now, out packages[i]!);
            if (why is not null) return Refuse($"item {i}: {why}", out refusal);
        }
        if (!node.Vault.Use(m.Epoch, s => Sign(s, packages), out var signed)) return Refuse("epoch not held", out refusal);
        refusal = signed.Error;
        staleCommitments = signed.Stale;
        return signed.Shares;
    }

    private string? Check(ProduceSignatureShares m, ShareItem item, Coordinator.EpochCertificate cert, DateTimeOffset now, out SigningPackage? package)
    {
        package = null;
        if (!SigningRequestInspector.TryInspect(item.TstInfo, item.SignedAttributes, cert.Certificate.Algorithm,
                out var summary, out var error, cert.Certificate))
            return error;
        if (!cert.Policies.Contains(summary.Policy)) return "policy not offered";
        var lag = now - summary.GenTime;
        if (lag > cert.Accuracy + node.Options.GenTimeWindow) return "genTime too far in the past for this node's clock";
        if (-lag > cert.Accuracy) return "genTime ahead of this node's clock";
        if (item.Commitments.Count != m.Signers.Count) return "one commitment per signer expected";
        var commitments = new List<SigningCommitments>(item.Commitments.Count);
        var expected = m.Signers.Select(ParticipantId.FromNode).ToHashSet();
        foreach (var bytes in item.Commitments)
        {
            if (!SigningCommitments.FromBytes(bytes).TryGet(out var c, out _)) return "malformed commitment";
            if (!expected.Remove(c.Identifier)) return "commitment of a signer not announced";
            commitments.Add(c);
        }
        if (!SigningPackage.Create(commitments, item.SignedAttributes).TryGet(out package, out var pe)) return pe.Failure.ToString();
        return null;
    }

    /// <summary>
    /// Signs every package. Each pooled nonce is taken (spent) whether or not signing succeeds, so a
    /// refused round can never be replayed against the same nonces.
    /// </summary>
    private static (IReadOnlyList<byte[]>? Shares, string? Error, bool Stale) Sign(EpochShare share, SigningPackage[] packages)
    {
        var result = new byte[packages.Length][];
        string? error = null;
        var stale = true;
        for (int i = 0; i < packages.Length; i++)
        {
            if (share.Nonces.Sign(packages[i]).TryGet(out var s, out var e)) result[i] = s.ToBytes();
            else
            {
                error ??= $"item {i}: {e.Failure}";
                stale &= e.Failure is FrostFailure.UnknownCommitment or FrostFailure.NonceReused;
            }
        }
        return error is null ? (result, null, false) : (null, error, stale);
    }

    private static IReadOnlyList<byte[]>? Refuse(string why, out string? refusal)
    {
        refusal = why;
        return null;
    }
}

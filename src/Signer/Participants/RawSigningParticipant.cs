using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Sharing;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Round 2 for a raw message (a CSR's CertificationRequestInfo): checked by
/// <see cref="RawMessageCheck"/> against the epoch's group key, signers and commitments as for
/// time-stamps, then one share from the nonce pool (single use).
/// </summary>
internal sealed class RawSigningParticipant(NodeContext node) : IConsumer<ProduceRawSignatureShare>
{
    public async Task Consume(ConsumeContext<ProduceRawSignatureShare> context)
    {
        var m = context.Message;
        if (m.Participant != node.Id) return;
        if (!node.Accepts(m.Coordinator, nameof(ProduceRawSignatureShare))) return;
        var share = Produce(m, out var refusal);
        if (share is not null)
        {
            await node.Messenger.SendAsync(m.Coordinator, new SignatureSharesProduced(m.Round, node.Id, [share]), context.CancellationToken).ConfigureAwait(false);
            return;
        }
        SignerLog.SharesRefused(node.Logger, node.Id, m.Round, m.Coordinator, refusal!);
        await node.Messenger.SendAsync(m.Coordinator, new SignatureSharesRefused(m.Round, node.Id, refusal!), context.CancellationToken).ConfigureAwait(false);
    }

    private byte[]? Produce(ProduceRawSignatureShare m, out string? refusal)
    {
        refusal = null;
        if (node.Vault.PublicKeys(m.Epoch) is not { } publicKeys) { refusal = "epoch not held"; return null; }
        if (RawMessageCheck.Check(m.Purpose, m.Message, publicKeys.VerifyingKey.Encoding) is { } why) { refusal = why; return null; }
        if (!m.Signers.Contains(node.Id) || m.Signers.Distinct().Count() != m.Signers.Count) { refusal = "bad signer list"; return null; }
        if (m.Commitments.Count != m.Signers.Count) { refusal = "one commitment per signer expected"; return null; }
        var expected = m.Signers.Select(ParticipantId.FromNode).ToHashSet();
        var commitments = new List<SigningCommitments>(m.Commitments.Count);
        foreach (var bytes in m.Commitments)
        {
            if (!SigningCommitments.FromBytes(bytes).TryGet(out var c, out _) || !expected.Remove(c.Identifier)) { refusal = "bad commitment"; return null; }
            commitments.Add(c);
        }
        if (!SigningPackage.Create(commitments, m.Message).TryGet(out var package, out var pe)) { refusal = pe.Failure.ToString(); return null; }
        if (!node.Vault.Use(m.Epoch, s => s.Nonces.Sign(package), out var signed)) { refusal = "epoch not held"; return null; }
        if (!signed.TryGet(out var share, out var e)) { refusal = e.Failure.ToString(); return null; }
        return share.ToBytes();
    }
}

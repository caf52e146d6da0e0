using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Signer.Purposes;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// A coordinator (an attested node, or whoever controls the relay it speaks through) that asks
/// honest participants for shares over a TSTInfo of its own making. The round is well-formed
/// FROST: every signer's commitment comes from its real nonce pool, so a participant that agreed
/// would really release a share; a refusal can only come from its checks of what it signs.
/// </summary>
internal sealed class MaliciousCoordinator(TestCluster cluster, int epoch)
{
    public static readonly NodeId Coordinator = NodeId.Parse("n1");
    public static readonly NodeId Victim = NodeId.Parse("n2");
    private static readonly NodeId Third = NodeId.Parse("n3");

    /// <summary>The epoch certificate as the honest nodes installed it.</summary>
    public TsaCertificate Certificate => cluster[Victim].Context.Certificates.For(epoch)!.Certificate;

    /// <summary>The victim's trusted clock: a forged genTime is chosen relative to it.</summary>
    public DateTimeOffset Now => cluster[Victim].Context.Now();

    /// <summary>Asks the victim for shares over <paramref name="tstInfos"/>: its shares, or its refusal reason.</summary>
    public (bool Signed, string? Refusal) Ask(IReadOnlyList<CraftedTstInfo> tstInfos, (string Oid, byte[] Value)? extraAttribute = null) =>
        AskRaw([.. tstInfos.Select(t =>
        {
            var der = t.Encode(Certificate);
            return (CraftedTstInfo.SignedAttributes(der, Certificate, extraAttribute), der);
        })]);

    public (bool Signed, string? Refusal) Ask(CraftedTstInfo tstInfo, (string Oid, byte[] Value)? extraAttribute = null) => Ask([tstInfo], extraAttribute);

    /// <summary>Asks the victim for a share over <paramref name="tstInfo"/> declared as the transparency-log tree head <paramref name="head"/>.</summary>
    public (bool Signed, string? Refusal) AskHead(CraftedTstInfo tstInfo, LogHead head)
    {
        var der = tstInfo.Encode(Certificate);
        return AskRaw([(CraftedTstInfo.SignedAttributes(der, Certificate, null), der)], head);
    }

    private (bool Signed, string? Refusal) AskRaw(IReadOnlyList<(byte[] Message, byte[] Evidence)> items, LogHead? head = null)
    {
        IReadOnlyList<NodeId> signers = [Coordinator, Victim, Third];
        var shareItems = items.Select(i => new ShareItem(i.Message, i.Evidence,
            [.. signers.Select(s => Commitment(cluster[s]))], head)).ToList();
        var round = new ProduceSignatureShares(RoundId.New(), Coordinator, Victim, new KeyEpoch(epoch), signers, Rfc3161Purpose.Name, shareItems);
        return cluster[Victim].Signing.Produce(round).TryGet(out _, out var refusal) ? (true, null) : (false, refusal.Reason);
    }

    private byte[] Commitment(SignerNode node)
    {
        Assert.True(node.Context.Vault.Use(epoch, s => s.Nonces.Publish(1)[0], out var commitment));
        return commitment.ToBytes();
    }
}

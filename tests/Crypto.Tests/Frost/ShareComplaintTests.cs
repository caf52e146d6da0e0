using System.Security.Cryptography;
using System.Text;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Messages;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Tests.Frost;

/// <summary>
/// Complaint verification from public evidence (<see cref="ShareComplaint.Judge"/>): the accused's
/// signed delivery of a sealed DKG share plus the complainer's revealed ceremony key. A bad share
/// names the accused, a valid one the complainer (false accusation), tampered evidence nobody.
/// </summary>
public sealed class ShareComplaintTests : IDisposable
{
    private static readonly NodeId Accused = NodeId.Parse("n1");
    private static readonly NodeId Complainer = NodeId.Parse("n2");
    private readonly NodeSigningKey _accusedKey = NodeSigningKey.Generate();
    private readonly ChannelKeyPair _ceremonyKey = ChannelKeyPair.Generate();
    private readonly CeremonyBinding _binding = new(new CeremonyId(Guid.NewGuid()), "Dkg", 1, 2,
        [.. Enumerable.Range(1, 3).Select(ParticipantId.FromIndex)], CeremonyBinding.NoPublicKeys);
    private readonly byte[] _transcript = [.. Enumerable.Repeat((byte)9, 32)];
    private readonly FeldmanCommitment _commitment;
    private readonly Round2Package _validShare;

    public ShareComplaintTests()
    {
        var round1 = Enumerable.Range(1, 3).Select(i => Dealerless.Part1(ParticipantId.FromIndex(i), _binding)).ToList();
        var part2 = Dealerless.Part2(round1[0].Secret, [round1[1].Broadcast, round1[2].Broadcast]).Value;
        _commitment = round1[0].Broadcast.Commitment;
        _validShare = part2.Outgoing.Single(p => p.Recipient == ParticipantId.FromNode(Complainer));
        foreach (var p in part2.Outgoing.Where(p => p != _validShare)) p.Dispose();
        part2.Secret.Dispose();
        foreach (var r in round1) r.Secret.Dispose();
    }

    private SealContext Context => SealContext.ForCeremony(Accused, Complainer, _binding, "round2", _transcript);

    /// <summary>Stands in for the bus contract's digest of a delivery from n1 to n2 carrying <paramref name="sealedPayload"/>.</summary>
    private static byte[] DeliveryDigest(byte[] sealedPayload) =>
        SHA256.HashData([.. Encoding.UTF8.GetBytes("CeremonySecretDelivered n1 n2 "), .. sealedPayload]);

    /// <summary>Evidence for <paramref name="sealedPayload"/> as the accused signed it.</summary>
    private ShareComplaintEvidence Evidence(byte[] sealedPayload, byte[]? revealed = null, NodeSigningKey? signer = null)
    {
        var signature = (signer ?? _accusedKey).Sign(MessageSignatureInput.Compute("CeremonySecretDelivered", "n1", "n2", 7, DeliveryDigest(sealedPayload)));
        return new ShareComplaintEvidence(Accused, Complainer, 7, DeliveryDigest, signature, sealedPayload,
            revealed ?? _ceremonyKey.RevealForComplaint(), _accusedKey.PublicKey, _ceremonyKey.PublicKey, _commitment, Context);
    }

    [Fact]
    public void Valid_share_names_the_complainer_for_a_false_accusation()
    {
        var verdict = ShareComplaint.Judge(Evidence(_validShare.SealTo(_ceremonyKey.PublicKey, Context).Payload));
        Assert.Equal(ComplaintFinding.ComplainerAtFault, verdict.Finding);
        Assert.Equal(Complainer, verdict.Culprit);
    }

    [Fact]
    public void Share_failing_the_commitment_names_the_accused()
    {
        using var bad = new Round2Package(ParticipantId.FromNode(Accused), ParticipantId.FromNode(Complainer), Scalar.Random());
        var verdict = ShareComplaint.Judge(Evidence(bad.SealTo(_ceremonyKey.PublicKey, Context).Payload));
        Assert.Equal(ComplaintFinding.AccusedAtFault, verdict.Finding);
        Assert.Equal(Accused, verdict.Culprit);
        Assert.Contains("Feldman", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Signed_share_that_does_not_open_names_the_accused()
    {
        var payload = _validShare.SealTo(_ceremonyKey.PublicKey, Context).Payload;
        payload[^5] ^= 1; // the accused signed garbage ciphertext
        var verdict = ShareComplaint.Judge(Evidence(payload));
        Assert.Equal(ComplaintFinding.AccusedAtFault, verdict.Finding);
        Assert.Equal(Accused, verdict.Culprit);
        var wrongContext = _validShare.SealTo(_ceremonyKey.PublicKey, SealContext.ForCeremony(Accused, Complainer, _binding, "round2", new byte[32])).Payload;
        Assert.Equal(ComplaintFinding.AccusedAtFault, ShareComplaint.Judge(Evidence(wrongContext)).Finding);
    }

    [Fact]
    public void Share_sealed_to_a_key_the_complainer_never_announced_names_the_accused()
    {
        using var other = ChannelKeyPair.Generate();
        var verdict = ShareComplaint.Judge(Evidence(_validShare.SealTo(other.PublicKey, Context).Payload));
        Assert.Equal(ComplaintFinding.AccusedAtFault, verdict.Finding);
        Assert.Equal(Accused, verdict.Culprit);
    }

    [Fact]
    public void Tampered_evidence_names_nobody()
    {
        var payload = _validShare.SealTo(_ceremonyKey.PublicKey, Context).Payload;
        using var stranger = NodeSigningKey.Generate();
        using var otherKey = ChannelKeyPair.Generate();
        var good = Evidence(payload);
        var tampered = new[]
        {
            Evidence(payload, signer: stranger),                                   // not the accused's signature
            good with { DeliveryDigestOf = p => SHA256.HashData([.. DeliveryDigest(p), 1]) }, // another body than the one signed
            good with { DeliverySequence = 8 },                                    // another message
            good with { Sealed = _validShare.SealTo(_ceremonyKey.PublicKey, Context).Payload }, // not the signed payload
            Evidence(payload, revealed: otherKey.RevealForComplaint()),           // not the complainer's signed ceremony key
            Evidence(payload, revealed: new byte[5]),                             // not a key
        };
        foreach (var evidence in tampered)
        {
            var verdict = ShareComplaint.Judge(evidence);
            Assert.Equal(ComplaintFinding.Unproven, verdict.Finding);
            Assert.Null(verdict.Culprit);
        }
    }

    [Fact]
    public void Evidence_prints_no_key_material()
    {
        var evidence = Evidence(_validShare.SealTo(_ceremonyKey.PublicKey, Context).Payload);
        Assert.DoesNotContain(Convert.ToHexString(evidence.RevealedKey), evidence.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("[redacted]", evidence.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _validShare.Dispose();
        _accusedKey.Dispose();
        _ceremonyKey.Dispose();
    }
}

using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Channel;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// Forward secrecy: the relay records every sealed round-2 share of a completed DKG, and after the
/// ceremony the attacker steals every node's static channel key. Shares were sealed only to the
/// recipients' single-use ceremony keys (announced in their signed round-1 broadcasts, wiped when
/// the ceremony ended) with a per-message sender key, so no static key opens any of them, the
/// recipient's own included, even under the exact seal context.
/// </summary>
[Collection(FleetCollection.Name)]
public class StolenStaticKeyTests
{
    [Fact]
    public async Task Recorded_dkg_shares_stay_closed_when_every_static_channel_key_is_stolen_after_the_ceremony()
    {
        var (cluster, relay) = await CeremonyRelay.StartAsync();
        await using var _ = cluster;
        var finished = await cluster.RunCeremonyAsync(CeremonyKind.Dkg, 1, TestCluster.All);
        Assert.All(finished, f => Assert.True(f.Ok, f.Error));
        var ceremony = finished[0].Ceremony;
        var round1 = relay.Round1(ceremony);
        var secrets = relay.Secrets(ceremony);
        Assert.Equal(5, round1.Count);
        Assert.Equal(20, secrets.Count);
        Assert.All(cluster.Nodes, n => Assert.Equal(0, n.OpenCeremonyRuns)); // ceremony keys wiped with the runs

        var binding = new CeremonyBinding(ceremony, "Dkg", 1, 3, TestCluster.All.Select(ParticipantId.FromNode), CeremonyBinding.NoPublicKeys);
        var transcript = CeremonyTranscript.Hash(binding, round1.Select(r => (ParticipantId.FromNode(r.From),
            CcTsa.Signer.Participants.DkgEcdsa.Entry(CeremonyTranscript.Entry(r.Package, r.CeremonyKey), r.EcdsaPackage))));
        var stolen = cluster.Nodes.Select(n => n.Context.ChannelKey).ToList();
        foreach (var delivery in secrets)
        {
            // the Ed25519 half of the delivery (the P-384 half is sealed the same way to the same ceremony key)
            var (frost, p384) = SealedShares.Split(delivery.Sealed)!.Value;
            Assert.Equal(ChannelSeal.SealedTo(new SealedSecret(frost)), ChannelSeal.SealedTo(new SealedSecret(p384!)));
            var share = delivery with { Sealed = frost };
            // sealed to the ceremony key the recipient signed in round 1, which is no static key
            var sealedTo = ChannelSeal.SealedTo(new SealedSecret(share.Sealed))!.Value;
            Assert.True(sealedTo.Bytes.SequenceEqual(round1.Single(r => r.From == share.To).CeremonyKey));
            Assert.DoesNotContain(stolen, k => k.PublicKey == sealedTo);
            var context = SecretMail.Round2Context(share.From, share.To, binding, transcript);
            foreach (var key in stolen)
            {
                Assert.False(Round2Package.Open(new SealedSecret(share.Sealed), key, context).IsOk);
                // relabelled to the stolen key so the header check passes: the AEAD still refuses
                var relabelled = share.Sealed.ToArray();
                key.PublicKey.Bytes.CopyTo(relabelled.AsSpan(34));
                Assert.Equal(ChannelFailure.AuthenticationFailed, Round2Package.Open(new SealedSecret(relabelled), key, context).Error.Failure);
            }
        }
    }
}

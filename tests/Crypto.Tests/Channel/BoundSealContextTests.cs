using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Channel;

/// <summary>
/// Seal contexts built from a <see cref="CeremonyBinding"/>: a share sealed for one ceremony view
/// (id, epoch, t, participant set, public-package hash, round-1 transcript) opens under that view
/// only, so a recorded sealed share cannot be replayed into a later ceremony (e.g. a repair after
/// a refresh) and a recipient shown a different public package cannot open it.
/// </summary>
public class BoundSealContextTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly ParticipantId[] Five = [.. Enumerable.Range(1, 5).Select(ParticipantId.FromIndex)];

    private static CeremonyBinding Binding(Guid id, int epoch, byte hash) =>
        new(new CeremonyId(id), "Refresh", epoch, 3, Five, [.. Enumerable.Repeat(hash, 32)]);

    [Property(MaxTest = 30)]
    public void Sealed_share_opens_only_under_the_same_binding_and_transcript(Guid id, byte epoch, byte hash, byte change)
    {
        using var bob = ChannelKeyPair.Generate();
        var transcript = new byte[32];
        var own = SealContext.ForCeremony(N1, N2, Binding(id, epoch, hash), "round2", transcript);
        var other = (change % 4) switch
        {
            0 => SealContext.ForCeremony(N1, N2, Binding(Guid.NewGuid(), epoch, hash), "round2", transcript),
            1 => SealContext.ForCeremony(N1, N2, Binding(id, epoch + 1, hash), "round2", transcript),
            2 => SealContext.ForCeremony(N1, N2, Binding(id, epoch, (byte)(hash + 1)), "round2", transcript),
            _ => SealContext.ForCeremony(N1, N2, Binding(id, epoch, hash), "round2", [.. Enumerable.Repeat((byte)7, 32)]),
        };
        using var package = new Round2Package(ParticipantId.FromNode(N1), ParticipantId.FromNode(N2), Scalar.Random());
        var sealedShare = package.SealTo(bob.PublicKey, own);
        using (var opened = Round2Package.Open(sealedShare, bob, own).Value) Assert.Equal(package.Sender, opened.Sender);
        Assert.Equal(ChannelFailure.AuthenticationFailed, Round2Package.Open(sealedShare, bob, other).Error.Failure);
    }
}

using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Frost;

/// <summary>
/// The DKG proof of knowledge bound to a <see cref="CeremonyBinding"/>: it verifies under its own
/// ceremony and under no other (other id, epoch, t, participant set or public-package hash), so an
/// old round-1 package cannot be replayed; the unbound form still equals RFC 9591's.
/// </summary>
public class BoundProofOfKnowledgeTests
{
    private static readonly ParticipantId[] Five = [.. Enumerable.Range(1, 5).Select(ParticipantId.FromIndex)];

    private static CeremonyBinding Binding(Guid id, int epoch = 1, int t = 3, IEnumerable<ParticipantId>? set = null, byte[]? hash = null) =>
        new(new CeremonyId(id), "Dkg", epoch, t, set ?? Five, hash ?? CeremonyBinding.NoPublicKeys);

    [Property(MaxTest = 40)]
    public void Proof_verifies_only_under_its_own_binding(Guid a, Guid b, byte epoch, byte change)
    {
        var own = Binding(a, epoch);
        var other = (change % 5) switch
        {
            0 => Binding(a == b ? Guid.NewGuid() : b, epoch),
            1 => Binding(a, epoch + 1),
            2 => Binding(a, epoch, t: 2),
            3 => Binding(a, epoch, set: Five.Take(4)),
            _ => Binding(a, epoch, hash: [.. Enumerable.Repeat((byte)1, 32)]),
        };
        var (secret, package) = Dealerless.Part1(Five[0], own);
        using (secret)
        {
            Assert.True(Dealerless.VerifyKnowledge(package, own.Encoding));
            Assert.False(Dealerless.VerifyKnowledge(package, other.Encoding));
            Assert.False(Dealerless.VerifyKnowledge(package, []));
        }
    }

    [Fact]
    public void Part2_names_the_sender_of_a_package_from_another_ceremony()
    {
        var old = Binding(Guid.NewGuid());
        var now = Binding(Guid.NewGuid());
        var (oldSecret, replayed) = Dealerless.Part1(Five[0], old);
        oldSecret.Dispose();
        var fresh = Five.Skip(2).Select(p => Dealerless.Part1(p, now)).ToList();
        using var self = Dealerless.Part1(Five[1], now).Secret;
        var result = Dealerless.Part2(self, [replayed, .. fresh.Select(f => f.Broadcast)]);
        foreach (var f in fresh) f.Secret.Dispose();
        Assert.Equal(FrostFailure.InvalidProofOfKnowledge, result.Error.Failure);
        Assert.Equal([Five[0]], result.Error.Culprits);
    }

    [Fact]
    public void Bound_part1_takes_t_and_n_from_the_binding_and_refuses_an_outsider()
    {
        var binding = Binding(Guid.NewGuid());
        var (secret, package) = Dealerless.Part1(Five[2], binding);
        using (secret)
        {
            Assert.Equal(3, secret.MinSigners);
            Assert.Equal(5, secret.MaxSigners);
            Assert.Equal(3, package.Commitment.Threshold);
        }
        Assert.Throws<ArgumentException>(() => Dealerless.Part1(ParticipantId.FromIndex(6), binding));
    }

    [Property(MaxTest = 40)]
    public void Binding_ignores_the_order_participants_are_listed_in(Guid id, int seed)
    {
        var shuffled = Five.OrderBy(_ => new Random(seed).Next()).ToArray();
        Assert.Equal(Binding(id).Digest, Binding(id, set: shuffled).Digest);
    }

    [Fact]
    public void Transcript_hash_differs_when_one_package_differs()
    {
        var binding = Binding(Guid.NewGuid());
        var packages = Five.Select(p => (p, new byte[] { (byte)p.Value, 1, 2 })).ToList();
        var same = CeremonyTranscript.Hash(binding, packages.AsEnumerable().Reverse());
        Assert.True(CeremonyTranscript.Agree(CeremonyTranscript.Hash(binding, packages), same));
        packages[0] = (Five[0], [9, 9, 9]);
        Assert.False(CeremonyTranscript.Agree(CeremonyTranscript.Hash(binding, packages), same));
        Assert.False(CeremonyTranscript.Agree(CeremonyTranscript.Hash(Binding(Guid.NewGuid()), packages), CeremonyTranscript.Hash(binding, packages)));
    }
}

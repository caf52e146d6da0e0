using CcTsa.Crypto.Common;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Tests.Frost;

/// <summary>Runs whole ceremonies in memory (every participant in one process) for tests and benchmarks of callers.</summary>
internal static class FrostHarness
{
    public sealed record Group(IReadOnlyDictionary<ParticipantId, KeyPackage> Keys, PublicKeyPackage PublicKeys) : IDisposable
    {
        public void Dispose()
        {
            foreach (var k in Keys.Values) k.Dispose();
        }
    }

    public static IReadOnlyList<ParticipantId> Ids(int n) => Enumerable.Range(1, n).Select(ParticipantId.FromIndex).ToArray();

    public static Group Dkg(int t, int n)
    {
        var ids = Ids(n);
        var r1 = ids.ToDictionary(i => i, i => Dealerless.Part1(i, n, t));
        var r2 = ids.ToDictionary(i => i, i => Dealerless.Part2(r1[i].Secret, Others(r1, i).Select(x => x.Broadcast).ToList()).Value);
        PublicKeyPackage? pub = null;
        var keys = new Dictionary<ParticipantId, KeyPackage>();
        foreach (var i in ids)
        {
            var inbox = ids.Where(j => j != i).Select(j => r2[j].Outgoing.Single(p => p.Recipient == i)).ToList();
            var (key, p) = Dealerless.Part3(r2[i].Secret, Others(r1, i).Select(x => x.Broadcast).ToList(), inbox).Value;
            if (pub is not null && !pub.Equals(p)) throw new InvalidOperationException("participants disagree on the public key package");
            pub = p;
            keys[i] = key;
        }
        foreach (var i in ids)
        {
            r1[i].Secret.Dispose();
            r2[i].Secret.Dispose();
            foreach (var p in r2[i].Outgoing) p.Dispose();
        }
        return new Group(keys, pub!);
    }

    public static Result<Signature, FrostError> Sign(IEnumerable<KeyPackage> signers, PublicKeyPackage pub, byte[] message)
    {
        var list = signers.ToList();
        var nonces = list.Select(Round1.Commit).ToList();
        var created = SigningPackage.Create(nonces.Select(n => n.Commitments), message);
        if (!created.TryGet(out var package, out var error)) return error.As<Signature>();
        var shares = new List<SignatureShare>();
        for (int i = 0; i < list.Count; i++)
        {
            var s = Round2.Sign(package, nonces[i], list[i]);
            if (!s.TryGet(out var share, out error)) return error.As<Signature>();
            shares.Add(share);
        }
        return Aggregate.Combine(package, shares, pub);
    }

    public static Group Refresh(Group g)
    {
        var ids = g.Keys.Keys.Order().ToList();
        int n = ids.Count, t = g.PublicKeys.MinSigners;
        var r1 = ids.ToDictionary(i => i, i => CcTsa.Crypto.Frost.Refresh.Part1(i, n, t));
        var r2 = ids.ToDictionary(i => i, i => CcTsa.Crypto.Frost.Refresh.Part2(r1[i].Secret, ids.Where(j => j != i).Select(j => r1[j].Broadcast).ToList()).Value);
        var keys = new Dictionary<ParticipantId, KeyPackage>();
        PublicKeyPackage? pub = null;
        foreach (var i in ids)
        {
            var inbox = ids.Where(j => j != i).Select(j => r2[j].Outgoing.Single(p => p.Recipient == i)).ToList();
            var (key, p) = CcTsa.Crypto.Frost.Refresh.Part3(r2[i].Secret, ids.Where(j => j != i).Select(j => r1[j].Broadcast).ToList(), inbox, g.Keys[i], g.PublicKeys).Value;
            if (pub is not null && !pub.Equals(p)) throw new InvalidOperationException("participants disagree after refresh");
            pub = p;
            keys[i] = key;
        }
        return new Group(keys, pub!);
    }

    public static KeyPackage Repair(Group g, IReadOnlyList<ParticipantId> helpers, ParticipantId lost)
    {
        var deltas = helpers.SelectMany(h => CcTsa.Crypto.Frost.Repair.Part1(helpers, g.Keys[h], lost).Value).ToList();
        var sigmas = helpers.Select(h => CcTsa.Crypto.Frost.Repair.Part2(deltas.Where(d => d.Recipient == h).ToList(), h, helpers).Value).ToList();
        var key = CcTsa.Crypto.Frost.Repair.Part3(sigmas, lost, g.PublicKeys).Value;
        foreach (var d in deltas) d.Dispose();
        foreach (var s in sigmas) s.Dispose();
        return key;
    }

    private static IEnumerable<T> Others<T>(Dictionary<ParticipantId, T> all, ParticipantId self) =>
        all.Where(kv => kv.Key != self).Select(kv => kv.Value);
}

using System.Security.Cryptography;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Tests.Sharing;

/// <summary>A secret share in transit between two participants of an in-memory ceremony (test stand-in for the sealed packages).</summary>
internal sealed class TestShare(ParticipantId sender, ParticipantId recipient, SecretHandle value) : ISharePackage, IDisposable
{
    public ParticipantId Sender { get; } = sender;

    public ParticipantId Recipient { get; } = recipient;

    public ReadOnlySpan<byte> Secret => value.Span;

    public void Dispose() => value.Dispose();

    public override string ToString() => $"TestShare({Sender}→{Recipient}, [redacted])";
}

/// <summary>
/// Whole generic DKG / refresh ceremonies over <typeparamref name="TGroup"/>, every participant in
/// one process, with hooks for a deviating dealer. The challenge is a test oracle (SHA-256 of the
/// public inputs, as a 64-bit scalar): the protocols' own challenges are tested with their wrappers.
/// </summary>
internal sealed class GroupDkg<TGroup, TPoint>
    where TGroup : IPrimeOrderGroup<TPoint>
    where TPoint : notnull
{
    public sealed record Round1(ParticipantId Sender, IReadOnlyList<TPoint> Commitment, SchnorrProof<TPoint>? Proof);

    /// <summary>Each participant's share (secret memory) and the public result every participant agreed on.</summary>
    public sealed record Outcome(IReadOnlyDictionary<ParticipantId, SecretHandle> Shares, TPoint GroupKey,
        IReadOnlyDictionary<ParticipantId, TPoint> PublicShares) : IDisposable
    {
        public void Dispose()
        {
            foreach (var s in Shares.Values) s.Dispose();
        }
    }

    private static readonly byte[] Context = RandomNumberGenerator.GetBytes(32);

    public static PokChallenge<TPoint> Challenge { get; } = (id, phi0, r) =>
    {
        var h = SHA256.HashData([.. BitConverter.GetBytes(id.Value), .. Context, .. TGroup.Encode(phi0), .. TGroup.Encode(r)]);
        var c = new byte[TGroup.ScalarSize];
        TGroup.ScalarFromInt(c, BitConverter.ToUInt64(h));
        return c;
    };

    public static IReadOnlyList<ParticipantId> Ids(int n) => [.. Enumerable.Range(1, n).Select(ParticipantId.FromIndex)];

    /// <summary>
    /// DKG t-of-n (or a refresh round: zero constants, no proofs). <paramref name="tamperRound1"/> and
    /// <paramref name="tamperShare"/> let a dealer deviate. Part 2/3 results per participant.
    /// </summary>
    public static Dictionary<ParticipantId, Result<(SecretHandle Share, TPoint[] Sum, ParticipantId[] Participants), DkgFault>> Run(
        int t, int n, bool refresh = false, Func<Round1, Round1>? tamperRound1 = null, Func<TestShare, TestShare>? tamperShare = null)
    {
        var ids = Ids(n);
        var polys = ids.ToDictionary(i => i, _ => Polynomial<TGroup, TPoint>.Random(t, zeroConstant: refresh));
        try
        {
            var honest = ids.ToDictionary(i => i, i =>
            {
                // a refresh commits to a zero constant and proves nothing (φ_0 is the identity)
                if (refresh) return new Round1(i, polys[i].Commit(), null);
                var (c, proof) = PedersenDkg<TGroup, TPoint>.Part1(i, polys[i], Challenge);
                return new Round1(i, c, proof);
            });
            // what the others receive; a deviating dealer still combines its own honest commitment
            var round1 = honest.ToDictionary(kv => kv.Key, kv => tamperRound1 is null ? kv.Value : tamperRound1(kv.Value));
            var results = new Dictionary<ParticipantId, Result<(SecretHandle, TPoint[], ParticipantId[]), DkgFault>>();
            var shares = ids.SelectMany(i => ids.Where(j => j != i).Select(j =>
            {
                var s = new TestShare(i, j, polys[i].Evaluate(j));
                return tamperShare is null ? s : tamperShare(s);
            })).ToList();
            foreach (var i in ids)
            {
                var peers = round1.Values.Where(m => m.Sender != i).ToList();
                var check = PedersenDkg<TGroup, TPoint>.CheckRound1(i, t, n, ids.Where(j => j != i).ToHashSet(), refresh,
                    peers.Select(m => (m.Sender, (IReadOnlyList<TPoint>?)m.Commitment)));
                if (!check.TryGet(out var commitments, out var fault)) { results[i] = fault.As<(SecretHandle, TPoint[], ParticipantId[])>(); continue; }
                var proofs = refresh ? null : PedersenDkg<TGroup, TPoint>.CheckProofs(peers.Select(m => (m.Sender, m.Commitment[0], m.Proof)), Challenge);
                if (proofs is not null) { results[i] = proofs.As<(SecretHandle, TPoint[], ParticipantId[])>(); continue; }
                using var own = polys[i].Evaluate(i);
                results[i] = PedersenDkg<TGroup, TPoint>.Part3(i, own.Span, honest[i].Commitment, commitments, shares.Where(s => s.Recipient == i));
            }
            foreach (var s in shares) s.Dispose();
            return results;
        }
        finally
        {
            foreach (var p in polys.Values) p.Dispose();
        }
    }

    /// <summary>An honest DKG: every participant's share, and the public result (checked equal across participants).</summary>
    public static Outcome Dkg(int t, int n)
    {
        var r = Run(t, n);
        var ok = r.ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        var key = ok.Values.First().Sum[0];
        if (ok.Values.Any(o => !TGroup.PointEquals(o.Sum[0], key))) throw new InvalidOperationException("participants disagree on the group key");
        var sum = ok.Values.First();
        return new Outcome(ok.ToDictionary(kv => kv.Key, kv => kv.Value.Share), key, PedersenDkg<TGroup, TPoint>.PublicShares(sum.Sum, sum.Participants));
    }

    /// <summary>Σ λ_i·P_i over the set (public: interpolation "in the exponent").</summary>
    public static TPoint Interpolate(IReadOnlyList<ParticipantId> set, Func<ParticipantId, TPoint> point) =>
        TGroup.SumPublic([.. set.Select(i => LagrangeCoefficients<TGroup>.AtZero(i, set))], [.. set.Select(point)]);

    /// <summary>(Σ λ_i·s_i)·G over secret shares (test only: rebuilds the secret to compare it with the key).</summary>
    public static TPoint InterpolateSecret(IReadOnlyList<ParticipantId> set, Func<ParticipantId, SecretHandle> share)
    {
        using var acc = SecretHandle.Allocate(TGroup.ScalarSize);
        using var term = SecretHandle.Allocate(TGroup.ScalarSize);
        foreach (var i in set)
        {
            TGroup.ScalarMul(term.Span, share(i).Span, LagrangeCoefficients<TGroup>.AtZero(i, set));
            TGroup.ScalarAdd(acc.Span, acc.Span, term.Span);
        }
        return TGroup.BaseMul(acc.Span);
    }

    /// <summary>s + 1: a share that is wrong by construction.</summary>
    public static SecretHandle PlusOne(ReadOnlySpan<byte> s)
    {
        var one = new byte[TGroup.ScalarSize];
        TGroup.ScalarFromInt(one, 1);
        var h = SecretHandle.Allocate(TGroup.ScalarSize);
        TGroup.ScalarAdd(h.Span, s, one);
        return h;
    }
}

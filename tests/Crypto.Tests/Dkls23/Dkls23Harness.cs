using System.Security.Cryptography;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Dkls23;
using CcTsa.Crypto.Dkls23.Dkg;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.Dkls23.Sign;
using PresignStep = CcTsa.Crypto.Dkls23.Sign.Presign;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>
/// Runs the DKLs23 core for n in-process parties: DKG, all pairwise setups, and one signature with
/// optional message-mutation hooks (notes §13.5). Returns every honest party's error, so tests can
/// assert the culprit each one names.
/// </summary>
internal sealed class Dkls23Harness : IDisposable
{
    public KeyShare[] Keys { get; }

    public Dictionary<ParticipantId, Dictionary<ParticipantId, PairState>> Pairs { get; }

    private Dkls23Harness(KeyShare[] keys, Dictionary<ParticipantId, Dictionary<ParticipantId, PairState>> pairs)
    {
        Keys = keys;
        Pairs = pairs;
    }

    public static ParticipantId[] Ids(int n) => [.. Enumerable.Range(1, n).Select(ParticipantId.FromIndex)];

    public static Dkls23Harness Create(int t, int n)
    {
        var keys = RunDkg(t, n);
        return new Dkls23Harness(keys, RunSetup(keys));
    }

    /// <summary>A harness over existing key shares (refreshed or repaired ones), with fresh pairwise setups.</summary>
    public static Dkls23Harness Of(KeyShare[] keys) => new(keys, RunSetup(keys));

    public static KeyShare[] RunDkg(int t, int n, Func<DkgRound2, DkgRound2>? tamper = null)
    {
        var r = TryDkg(t, n, tamper);
        return r.All(x => x.IsOk) ? [.. r.Select(x => x.Value)] : throw new InvalidOperationException(r.First(x => !x.IsOk).Error.ToString());
    }

    public static Result<KeyShare, Dkls23Error>[] TryDkg(int t, int n, Func<DkgRound2, DkgRound2>? tamperShare = null, Func<DkgRound1, DkgRound1>? tamperR1 = null)
    {
        var ids = Ids(n);
        var context = RandomNumberGenerator.GetBytes(32);
        var p1 = ids.Select(i => DkgPart1.Run(i, t, ids, context)).ToArray();
        var r1 = p1.Select(x => tamperR1 is null ? x.Message : tamperR1(x.Message)).ToArray();
        var r2 = new List<DkgRound2>();
        for (var k = 0; k < n; k++)
        {
            var res = DkgPart2.Run(p1[k].Secret, [.. r1.Where(m => m.From != ids[k])]);
            if (!res.IsOk) return [.. ids.Select(_ => Result<KeyShare, Dkls23Error>.Fail(res.Error))];
            r2.AddRange(res.Value.Select(m => tamperShare is null ? m : tamperShare(m)));
        }
        return [.. Enumerable.Range(0, n).Select(k =>
            DkgPart3.Run(p1[k].Secret, p1[k].Message, [.. r1.Where(m => m.From != ids[k])], [.. r2.Where(m => m.To == ids[k])]))];
    }

    public static Dictionary<ParticipantId, Dictionary<ParticipantId, PairState>> RunSetup(KeyShare[] keys)
    {
        var ids = keys.Select(k => k.Self).ToArray();
        var sid = keys[0].Sid;
        var result = ids.ToDictionary(i => i, _ => new Dictionary<ParticipantId, PairState>());
        var jobs = from i in ids from j in ids where i < j select (i, j);
        var done = jobs.AsParallel().Select(p => (p.i, p.j, Pair: SetUpPair(sid, p.i, p.j))).ToList();
        foreach (var d in done)
        {
            result[d.i][d.j] = d.Pair.I;
            result[d.j][d.i] = d.Pair.J;
        }
        return result;
    }

    /// <summary>One pairwise setup of i and j (both sides' states), as two nodes run it over the bus.</summary>
    public static (PairState I, PairState J) SetUpPair(byte[] keySid, ParticipantId i, ParticipantId j)
    {
        var (si, mi) = PairwiseSetup.Round1(keySid, i, j);
        var (sj, mj) = PairwiseSetup.Round1(keySid, j, i);
        var ai = PairwiseSetup.Round2(si, mj).Value;
        var aj = PairwiseSetup.Round2(sj, mi).Value;
        return (PairwiseSetup.Finish(si, aj).Value, PairwiseSetup.Finish(sj, ai).Value);
    }

    /// <summary>Signs with the given subset; returns the signature or every error raised (by party).</summary>
    public (EcdsaSignature? Signature, List<Dkls23Error> Errors) Sign(IReadOnlyList<ParticipantId> signers, byte[] digest,
        Func<SignRound1P2p, SignRound1P2p>? r1 = null, Func<SignRound2P2p, SignRound2P2p>? r2 = null,
        Func<PartialSignature, PartialSignature>? r3 = null, Func<ParticipantId, KeyShare, KeyShare>? keyOf = null)
    {
        var errors = new List<Dkls23Error>();
        var sigid = RandomNumberGenerator.GetBytes(32);
        var parties = signers.Select(i => Keys.Single(k => k.Self == i)).Select(k => keyOf is null ? k : keyOf(k.Self, k)).ToArray();
        var s1 = parties.Select(k => SignRound1.Run(k, Pairs[k.Self], signers, sigid)).ToArray();
        foreach (var s in s1) if (!s.IsOk) errors.Add(s.Error);
        if (errors.Count > 0) return (null, errors);
        var bcast = s1.Select(s => s.Value.Broadcast).ToArray();
        var p2p1 = s1.SelectMany(s => s.Value.ToPeers).Select(m => r1 is null ? m : r1(m)).ToArray();

        var s2 = s1.AsParallel().AsOrdered().Select(s => SignRound2.Run(s.Value.Session,
            [.. bcast.Where(b => b.From != s.Value.Session.Self)], [.. p2p1.Where(m => m.To == s.Value.Session.Self)])).ToArray();
        foreach (var s in s2) if (!s.IsOk) errors.Add(s.Error);
        if (errors.Count > 0) return (null, errors);
        var p2p2 = s2.SelectMany(s => s.Value).Select(m => r2 is null ? m : r2(m)).ToArray();

        var s3 = s1.AsParallel().AsOrdered().Select(s => SignRound3.Run(s.Value.Session, digest, [.. p2p2.Where(m => m.To == s.Value.Session.Self)])).ToArray();
        foreach (var s in s3) if (!s.IsOk) errors.Add(s.Error);
        if (errors.Count > 0) return (null, errors);
        var partials = s3.Select(s => r3 is null ? s.Value : r3(s.Value)).ToArray();
        var sig = Combine.Run(Keys[0].PublicKey, partials, digest);
        if (!sig.IsOk) errors.Add(sig.Error);
        return (sig.IsOk ? sig.Value : null, errors);
    }

    /// <summary>Rounds 1–2 and the C0–C6 checks for one sigid: every signer's presignature, or every error raised.</summary>
    public (Presignature[]? Presignatures, List<Dkls23Error> Errors) Presign(IReadOnlyList<ParticipantId> signers,
        Func<SignRound1P2p, SignRound1P2p>? r1 = null, Func<SignRound2P2p, SignRound2P2p>? r2 = null, byte[]? sigid = null)
    {
        var errors = new List<Dkls23Error>();
        sigid ??= RandomNumberGenerator.GetBytes(32);
        var s1 = signers.Select(i => SignRound1.Run(Keys.Single(k => k.Self == i), Pairs[i], signers, sigid)).ToArray();
        errors.AddRange(s1.Where(s => !s.IsOk).Select(s => s.Error));
        if (errors.Count > 0) return (null, errors);
        var bcast = s1.Select(s => s.Value.Broadcast).ToArray();
        var p2p1 = s1.SelectMany(s => s.Value.ToPeers).Select(m => r1 is null ? m : r1(m)).ToArray();
        var s2 = s1.AsParallel().AsOrdered().Select(s => SignRound2.Run(s.Value.Session,
            [.. bcast.Where(b => b.From != s.Value.Session.Self)], [.. p2p1.Where(m => m.To == s.Value.Session.Self)])).ToArray();
        errors.AddRange(s2.Where(s => !s.IsOk).Select(s => s.Error));
        if (errors.Count > 0) return (null, errors);
        var p2p2 = s2.SelectMany(s => s.Value).Select(m => r2 is null ? m : r2(m)).ToArray();
        var s3 = s1.AsParallel().AsOrdered().Select(s => PresignStep.Finish(s.Value.Session, [.. p2p2.Where(m => m.To == s.Value.Session.Self)])).ToArray();
        errors.AddRange(s3.Where(s => !s.IsOk).Select(s => s.Error));
        return errors.Count > 0 ? (null, errors) : ([.. s3.Select(s => s.Value)], errors);
    }

    public void Dispose()
    {
        foreach (var k in Keys) k.Dispose();
        foreach (var p in Pairs.Values.SelectMany(d => d.Values)) p.Dispose();
    }
}

using System.Collections.Immutable;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>Verdict of a ceremony once every expected participant answered (or time ran out).</summary>
public enum CeremonyVerdict
{
    Pending,
    Completed,
    Aborted,
}

/// <summary>
/// Pure collector of <see cref="CeremonyFinished"/> answers for one ceremony. Completed only when
/// every expected node answered Ok and all report the same group public key; otherwise Aborted
/// with a reason and the culprits a majority of the participants named. One participant's word
/// is not enough: a compromised signer can name anyone in its own answer, while honest nodes name
/// only what they proved (complaints with evidence), and fewer than t &lt; n/2 colluders never make
/// a majority. So after a first failure the tally waits until a culprit has its majority, a
/// majority has failed, everyone answered, or time ran out.
/// </summary>
public sealed record CeremonyTally(
    CeremonyId Ceremony,
    CeremonyKind Kind,
    int Epoch,
    ImmutableArray<NodeId> Expected,
    ImmutableDictionary<NodeId, CeremonyFinished> Answers)
{
    public static CeremonyTally Start(CeremonyId ceremony, CeremonyKind kind, int epoch, IEnumerable<NodeId> expected) =>
        new(ceremony, kind, epoch, [.. expected.Distinct()], ImmutableDictionary<NodeId, CeremonyFinished>.Empty);

    public CeremonyTally With(CeremonyFinished answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Ceremony != Ceremony || !Expected.Contains(answer.Node)) return this;
        return this with { Answers = Answers.SetItem(answer.Node, answer) };
    }

    public IEnumerable<NodeId> Missing => Expected.Where(n => !Answers.ContainsKey(n));

    /// <summary>Distinct participants (never the accused itself) that must name a node before it is recorded as a culprit.</summary>
    public int Witnesses => Math.Max(2, Expected.Length / 2 + 1);

    /// <summary>The decision so far; <paramref name="timedOut"/> turns missing answers into an abort.</summary>
    public (CeremonyVerdict Verdict, string? Reason, byte[]? GroupKey, IReadOnlyList<NodeId> Culprits) Decide(bool timedOut)
    {
        var failed = Answers.Values.Where(a => !a.Ok).ToList();
        if (failed.Count > 0)
        {
            var culprits = failed.SelectMany(f => f.Culprits.Where(c => c != f.Node).Distinct().Select(c => (Culprit: c, Witness: f.Node)))
                .GroupBy(x => x.Culprit).Where(g => g.Select(x => x.Witness).Distinct().Count() >= Witnesses)
                .Select(g => g.Key).OrderBy(n => n.Index).ToList();
            if (culprits.Count == 0 && failed.Count < Witnesses && Answers.Count < Expected.Length && !timedOut)
                return (CeremonyVerdict.Pending, null, null, []);
            var first = failed.OrderBy(f => f.Node.Index).First();
            return (CeremonyVerdict.Aborted, $"{first.Node} failed: {first.Error ?? "no reason given"}", null, culprits);
        }
        if (Answers.Count < Expected.Length)
        {
            if (!timedOut) return (CeremonyVerdict.Pending, null, null, []);
            var missing = Missing.OrderBy(n => n.Index).ToList();
            return (CeremonyVerdict.Aborted, "timed out waiting for " + string.Join(",", missing), null, missing);
        }
        var keys = Answers.Values.Select(a => a.GroupPublicKey ?? []).ToList();
        var key = keys[0];
        if (key.Length == 0 || keys.Any(k => !k.AsSpan().SequenceEqual(key)))
            return (CeremonyVerdict.Aborted, "participants disagree on the group public key", null, []);
        // the threshold-ECDSA key of the same ceremony: all report the same one, or none does
        var ecdsa = Answers.Values.Select(a => a.EcdsaGroupPublicKey).ToList();
        if (ecdsa[0] is { } ecdsaKey ? ecdsa.Any(k => k is null || !k.AsSpan().SequenceEqual(ecdsaKey)) : ecdsa.Any(k => k is not null))
            return (CeremonyVerdict.Aborted, "participants disagree on the threshold-ECDSA (P-384) public key", null, []);
        var mlDsa = Answers.Values.Select(a => a.MlDsaGroupPublicKey).ToList();
        if (mlDsa[0] is { } mlDsaKey ? mlDsa.Any(k => k is null || !k.AsSpan().SequenceEqual(mlDsaKey)) : mlDsa.Any(k => k is not null))
            return (CeremonyVerdict.Aborted, "participants disagree on the threshold ML-DSA-65 public key", null, []);
        return (CeremonyVerdict.Completed, null, key, []);
    }

    /// <summary>The threshold-ECDSA key every participant reported (call after <see cref="Decide"/> completed); null when the ceremony made none.</summary>
    public byte[]? EcdsaKey() => Answers.Values.Select(a => a.EcdsaGroupPublicKey).FirstOrDefault();

    /// <summary>The threshold ML-DSA-65 key every participant reported (after <see cref="Decide"/> completed); null when the ceremony made none.</summary>
    public byte[]? MlDsaKey() => Answers.Values.Select(a => a.MlDsaGroupPublicKey).FirstOrDefault();
}

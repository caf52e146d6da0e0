using System.Collections.Concurrent;
using CcTsa.Contracts.Messages.Fleet;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Signing requests this node refused, counted by a coarse reason (a fixed token: the refusal
/// texts name items and counts, which must not become metric labels). Reported in the heartbeat;
/// the control plane exports them as <c>cctsa_signer_refusals_total{node,reason}</c>.
/// </summary>
public sealed class SigningRefusals
{
    public const string GenTime = "gentime";
    public const string Certificate = "certificate";
    public const string Serial = "serial";
    public const string TstInfo = "tstinfo";
    public const string Clock = "clock";
    public const string Quota = "quota";
    public const string TooLarge = "too_large";
    public const string Epoch = "epoch";
    public const string Signers = "signers";
    public const string StaleCommitments = "stale_commitments";
    public const string Other = "other";

    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);

    /// <summary>Refusals counted under <paramref name="reason"/> (one of the constants).</summary>
    public long ForReason(string reason) => _byReason.GetValueOrDefault(reason);

    /// <summary>The counters by reason, for the heartbeat.</summary>
    public IReadOnlyList<ReasonCount> ByReason() =>
        [.. _byReason.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ReasonCount(p.Key, p.Value))];

    /// <summary>Counts a refused share request, classified from its refusal text.</summary>
    public void ShareRefused(string why, bool staleCommitments) => Count(staleCommitments ? StaleCommitments : Classify(why));

    /// <summary>Counts a commitment request refused over a coordinator's quota.</summary>
    public void QuotaRefused() => Count(Quota);

    /// <summary>The reason token of a refusal text (the texts come from this node's own checks).</summary>
    public static string Classify(string why)
    {
        ArgumentNullException.ThrowIfNull(why);
        if (why.Contains("serial", StringComparison.OrdinalIgnoreCase)) return Serial; // "serial does not embed genTime"
        if (why.Contains("genTime", StringComparison.Ordinal)) return GenTime;
        if (why.Contains("clock", StringComparison.Ordinal)) return Clock;
        if (why.Contains("certificate", StringComparison.OrdinalIgnoreCase) || why.Contains("policy", StringComparison.Ordinal)) return Certificate;
        if (why.Contains("accuracy", StringComparison.Ordinal) || why.Contains("ordering", StringComparison.Ordinal)
            || why.Contains("extension", StringComparison.OrdinalIgnoreCase) || why.Contains("imprint", StringComparison.Ordinal)
            || why.Contains("attribute", StringComparison.Ordinal)) return TstInfo;
        if (why.StartsWith("too many items", StringComparison.Ordinal)) return TooLarge;
        if (why.Contains("epoch", StringComparison.Ordinal)) return Epoch;
        if (why.Contains("signers", StringComparison.Ordinal)) return Signers;
        return Other;
    }

    private void Count(string reason) => _byReason.AddOrUpdate(reason, 1, (_, n) => n + 1);
}

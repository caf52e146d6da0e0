using System.Globalization;
using CcTsa.Contracts.Hashing;

namespace CcTsa.ControlPlane.Audit;

/// <summary>A head the log must contain: the hash at <see cref="Sequence"/>, and where the expectation came from (for messages).</summary>
public sealed record ExpectedHead(long Sequence, Sha256Hash Hash, string Source)
{
    /// <summary>Parses "SEQ:HASH" (decimal sequence ≥ 1, 64 hex digits).</summary>
    public static bool TryParse(string? text, out ExpectedHead head)
    {
        head = null!;
        if (text is null) return false;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1
            || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq < 1
            || !Sha256Hash.TryParse(text[(colon + 1)..].ToLowerInvariant(), out var hash))
            return false;
        head = new ExpectedHead(seq, hash, "--expect " + seq.ToString(CultureInfo.InvariantCulture));
        return true;
    }

    public static ExpectedHead From(AnchorRecord r, int line) =>
        new(r.Seq, Sha256Hash.Parse(r.Hash), string.Create(CultureInfo.InvariantCulture, $"anchors.jsonl line {line} ({r.Kind})"));
}

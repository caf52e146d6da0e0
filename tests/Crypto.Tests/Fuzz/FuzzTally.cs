using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Crypto.Tests.Fuzz;

/// <summary>Counts fuzz outcomes (accepted, each failInfo, HTTP statuses) for reports and SECURITY.md.</summary>
public sealed class FuzzTally
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Total { get; private set; }

    public void Accepted() => Add("granted");

    public void Rejected(PkiFailureInfo failInfo) => Add("rejection/" + failInfo);

    public void HttpStatus(int status) => Add("http/" + status.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public int Count(string key) => _counts.TryGetValue(key, out var n) ? n : 0;

    public override string ToString() =>
        $"{Total} inputs: " + string.Join(", ", _counts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}"));

    private void Add(string key)
    {
        Total++;
        _counts[key] = Count(key) + 1;
    }
}

using System.Collections.Immutable;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// The TSA policies this TSA offers. A request without reqPolicy gets <see cref="Default"/>; a
/// request naming a policy outside the set is rejected with unacceptedPolicy.
/// </summary>
public sealed record TsaPolicySet
{
    public TsaPolicySet(string defaultPolicy, params string[] others)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultPolicy);
        ArgumentNullException.ThrowIfNull(others);
        Default = defaultPolicy;
        Offered = [defaultPolicy, .. others.Where(o => o != defaultPolicy).Distinct(StringComparer.Ordinal)];
    }

    public string Default { get; }

    public ImmutableArray<string> Offered { get; }

    public bool Contains(string policy) => Offered.Contains(policy, StringComparer.Ordinal);
}

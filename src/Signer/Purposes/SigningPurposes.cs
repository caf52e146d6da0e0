using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Schemes;

namespace CcTsa.Signer.Purposes;

/// <summary>The purposes this node signs for, by name; anything else is refused.</summary>
internal sealed class SigningPurposes(IEnumerable<ISigningPurpose> purposes)
{
    private readonly Dictionary<string, ISigningPurpose> _byName = purposes.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public ISigningPurpose? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Null when <paramref name="purpose"/> accepts the round and every message; otherwise the first reason, naming the item.</summary>
    public static string? CheckAll(ISigningPurpose purpose, SchemeEpoch key, IReadOnlyList<PreparedMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(messages);
        if (purpose.CheckRound(key) is { } why) return why;
        if (messages.Count == 0) return "empty batch";
        for (int i = 0; i < messages.Count; i++)
            if (purpose.Check(key, messages[i]) is { } itemWhy) return $"item {i}: {itemWhy}";
        return null;
    }
}

using System.Collections.Immutable;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Crypto.Pki;

namespace CcTsa.ControlPlane.Projections;

/// <summary>
/// Key epochs (current one, group keys) and the ceremonies that made or changed them. An epoch is
/// made by its FROST-Ed25519 activation (<see cref="Epochs"/>); a ceremony that also makes a key of
/// another scheme (threshold ECDSA P-384) records a second KeyEpochActivated, which adds that key
/// to the epoch's <see cref="EpochInfo.PublicKeys"/> and never replaces its FROST entry.
/// </summary>
public sealed record KeyEpochs
{
    public int Current { get; init; }
    public ImmutableSortedDictionary<int, EpochInfo> Epochs { get; init; } = ImmutableSortedDictionary<int, EpochInfo>.Empty;
    public ImmutableSortedDictionary<string, CeremonyInfo> Ceremonies { get; init; } = ImmutableSortedDictionary<string, CeremonyInfo>.Empty;

    /// <summary>The group keys (scheme → hex) of <paramref name="epoch"/>; empty when it has none.</summary>
    public ImmutableSortedDictionary<string, string> KeysOf(int epoch) =>
        Epochs.TryGetValue(epoch, out var info) ? info.PublicKeys : ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The group key (hex) of <paramref name="scheme"/> in <paramref name="epoch"/>, or null.</summary>
    public string? KeyOf(int epoch, string scheme) => KeysOf(epoch).TryGetValue(scheme, out var hex) ? hex : null;

    /// <summary>The group public key (hex) of the current epoch, "" before the first.</summary>
    public string CurrentPublicKeyHex => Epochs.TryGetValue(Current, out var e) ? e.GroupPublicKeyHex : "";

    public bool CeremonyRunning => Ceremonies.Values.Any(c => c.Status == "running");

    public KeyEpochs Apply(CeremonyStarted e) => this with
    {
        Ceremonies = Ceremonies.SetItem(e.Id.ToString(), new CeremonyInfo(e.Id, e.Kind, e.Epoch.Number, e.Participants, e.Reason, e.At)),
    };

    public KeyEpochs Apply(CeremonyCompleted e) => End(e.Id.ToString(), "completed", e.At, e.GroupPublicKeyHex);

    public KeyEpochs Apply(CeremonyAborted e) => End(e.Id.ToString(), "aborted", e.At, e.Reason);

    public KeyEpochs Apply(KeyEpochActivated e)
    {
        var n = e.Epoch.Number;
        var existing = Epochs.GetValueOrDefault(n);
        var keys = (existing?.PublicKeys ?? ImmutableSortedDictionary<string, string>.Empty).SetItem(e.Scheme, e.GroupPublicKeyHex);
        // another scheme's key of an epoch the FROST activation already made only adds a key
        if (existing is not null && e.Scheme != TsaPolicies.Ed25519.Scheme && existing.Scheme == TsaPolicies.Ed25519.Scheme)
            return this with { Epochs = Epochs.SetItem(n, existing with { PublicKeys = keys }) };
        return this with
        {
            // epochs only move forward: a late activation of an older epoch never makes it current again
            Current = Math.Max(Current, n),
            Epochs = Epochs.SetItem(n, new EpochInfo(n, e.Scheme, e.GroupPublicKeyHex, e.ShareHolders, e.Ceremony, e.At) { PublicKeys = keys }),
        };
    }

    private KeyEpochs End(string id, string status, DateTimeOffset at, string outcome) =>
        Ceremonies.TryGetValue(id, out var c)
            ? this with { Ceremonies = Ceremonies.SetItem(id, c with { Status = status, EndedAt = at, Outcome = outcome }) }
            : this;
}

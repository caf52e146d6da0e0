using System.Collections.Immutable;
using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.ControlPlane.Projections;

/// <summary>Key epochs (current one, group keys) and the ceremonies that made or changed them.</summary>
public sealed record KeyEpochs
{
    public int Current { get; init; }
    public ImmutableSortedDictionary<int, EpochInfo> Epochs { get; init; } = ImmutableSortedDictionary<int, EpochInfo>.Empty;
    public ImmutableSortedDictionary<string, CeremonyInfo> Ceremonies { get; init; } = ImmutableSortedDictionary<string, CeremonyInfo>.Empty;

    /// <summary>The group public key (hex) of the current epoch, "" before the first.</summary>
    public string CurrentPublicKeyHex => Epochs.TryGetValue(Current, out var e) ? e.GroupPublicKeyHex : "";

    public bool CeremonyRunning => Ceremonies.Values.Any(c => c.Status == "running");

    public KeyEpochs Apply(CeremonyStarted e) => this with
    {
        Ceremonies = Ceremonies.SetItem(e.Id.ToString(), new CeremonyInfo(e.Id, e.Kind, e.Epoch.Number, e.Participants, e.Reason, e.At)),
    };

    public KeyEpochs Apply(CeremonyCompleted e) => End(e.Id.ToString(), "completed", e.At, e.GroupPublicKeyHex);

    public KeyEpochs Apply(CeremonyAborted e) => End(e.Id.ToString(), "aborted", e.At, e.Reason);

    public KeyEpochs Apply(KeyEpochActivated e) => this with
    {
        // epochs only move forward: a late activation of an older epoch never makes it current again
        Current = Math.Max(Current, e.Epoch.Number),
        Epochs = Epochs.SetItem(e.Epoch.Number, Activated(Epochs.GetValueOrDefault(e.Epoch.Number), e)),
    };

    /// <summary>
    /// The FROST activation (and any first one) sets the epoch's info; an activation of another
    /// scheme for an epoch already active (the ECDSA key of the same ceremony) only adds its key.
    /// </summary>
    private static EpochInfo Activated(EpochInfo? existing, KeyEpochActivated e)
    {
        var keys = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, existing?.PublicKeys ?? ImmutableSortedDictionary<string, string>.Empty)
            .SetItem(e.Scheme, e.GroupPublicKeyHex);
        if (existing is not null && e.Scheme != FrostScheme) return existing with { PublicKeys = keys };
        return new EpochInfo(e.Epoch.Number, e.Scheme, e.GroupPublicKeyHex, e.ShareHolders, e.Ceremony, e.At) { PublicKeys = keys };
    }

    private const string FrostScheme = "frost-ed25519";

    private KeyEpochs End(string id, string status, DateTimeOffset at, string outcome) =>
        Ceremonies.TryGetValue(id, out var c)
            ? this with { Ceremonies = Ceremonies.SetItem(id, c with { Status = status, EndedAt = at, Outcome = outcome }) }
            : this;
}

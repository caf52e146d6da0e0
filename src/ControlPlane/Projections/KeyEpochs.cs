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
        Current = e.Epoch.Number,
        Epochs = Epochs.SetItem(e.Epoch.Number, new EpochInfo(e.Epoch.Number, e.Scheme, e.GroupPublicKeyHex, e.ShareHolders, e.Ceremony, e.At)),
    };

    private KeyEpochs End(string id, string status, DateTimeOffset at, string outcome) =>
        Ceremonies.TryGetValue(id, out var c)
            ? this with { Ceremonies = Ceremonies.SetItem(id, c with { Status = status, EndedAt = at, Outcome = outcome }) }
            : this;
}

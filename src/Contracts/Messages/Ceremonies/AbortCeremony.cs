namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>
/// Control plane → participants: the log records this ceremony as aborted (e.g. a restarted control
/// plane closed a ceremony it could not finish), so every participant abandons its run at once,
/// wiping what it held for it, instead of waiting for its own ceremony timeout.
/// </summary>
public sealed record AbortCeremony(CeremonyId Ceremony, string Reason);

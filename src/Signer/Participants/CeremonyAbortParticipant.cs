using CcTsa.Contracts.Messages.Ceremonies;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// The control plane recorded a ceremony as aborted: every protocol's run of it (DKG/refresh,
/// repair) is dropped now, not at its timeout, and a late message can no longer reopen it.
/// </summary>
internal sealed class CeremonyAbortParticipant(IReadOnlyList<ICeremonyRunTable> tables) : IConsumer<AbortCeremony>
{
    public Task Consume(ConsumeContext<AbortCeremony> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var table in tables) table.Abandon(context.Message);
        return Task.CompletedTask;
    }

    /// <summary>Runs still open in every table.</summary>
    public int OpenRuns => tables.Sum(t => t.OpenRuns);
}

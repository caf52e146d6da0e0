using CcTsa.Contracts.Messages.Ceremonies;

namespace CcTsa.Signer.Participants;

/// <summary>What the node needs of every protocol's run table, whatever its run type: abandoning an aborted ceremony and counting open runs.</summary>
internal interface ICeremonyRunTable
{
    /// <summary>Runs still open (tests check an aborted ceremony leaves none behind).</summary>
    int OpenRuns { get; }

    /// <summary>Abandons the run of an aborted ceremony, if one is open; true when it was.</summary>
    bool Abandon(AbortCeremony abort);
}

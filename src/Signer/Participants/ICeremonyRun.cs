using CcTsa.Contracts.Messages.Ceremonies;

namespace CcTsa.Signer.Participants;

/// <summary>What every open ceremony run (DKG/refresh, repair) shares: its id, lock, start message and end flag.</summary>
internal interface ICeremonyRun : IDisposable
{
    Lock Gate { get; }

    CeremonyId Ceremony { get; }

    BeginCeremony? Begin { get; set; }

    bool Done { get; set; }
}

using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Incidents;

/// <summary>
/// A post-recovery checklist of <paramref name="Incident"/> obtained and verified a test token
/// under <paramref name="Epoch"/>'s key: the stamped data and the DER response (public data, kept so
/// later checklists can check that earlier epochs' tokens still verify).
/// </summary>
public sealed record ChecklistTokenRecorded(IncidentId Incident, KeyEpoch Epoch, byte[] Data, byte[] Token, DateTimeOffset At);

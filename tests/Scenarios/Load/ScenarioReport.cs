namespace CcTsa.Scenarios.Load;

/// <summary>
/// One line of the failure-matrix report (printed to the test output and appended as JSON to
/// TestResults/scenarios.jsonl): load figures and the measured recovery time of one scenario run.
/// RecoverySeconds is from the fault injection to the cluster's return to Healthy (or signing
/// resumed, where the scenario says so); null when the scenario did not get there.
/// </summary>
public sealed record ScenarioReport(
    string Scenario,
    string Setup,
    DateTimeOffset FinishedAt,
    int Sent,
    int Granted,
    int Rejected,
    IReadOnlyDictionary<string, int> RejectedByReason,
    int Lost,
    int BadTokens,
    double? RecoverySeconds,
    IReadOnlyDictionary<string, double> Phases,
    string Notes);

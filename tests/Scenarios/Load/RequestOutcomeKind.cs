namespace CcTsa.Scenarios.Load;

public enum RequestOutcomeKind
{
    Granted,
    Rejected,
    Lost,
}

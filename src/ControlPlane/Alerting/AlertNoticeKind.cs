namespace CcTsa.ControlPlane.Alerting;

/// <summary>Why a notice is sent: the cluster's alert level rose or moved, it is Healthy again, or an incident opened or closed.</summary>
public enum AlertNoticeKind
{
    Alert,
    Recovered,
    IncidentOpened,
    IncidentResolved,
}

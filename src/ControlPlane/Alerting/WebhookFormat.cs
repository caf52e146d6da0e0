namespace CcTsa.ControlPlane.Alerting;

/// <summary>
/// What a webhook receives: Json is the full notice with a Slack-compatible <c>text</c> field beside
/// the structured ones; Slack is <c>{"text": …}</c> alone, for receivers that refuse unknown fields.
/// </summary>
public enum WebhookFormat
{
    Json,
    Slack,
}

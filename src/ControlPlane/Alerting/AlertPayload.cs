using System.Text.Json;

namespace CcTsa.ControlPlane.Alerting;

/// <summary>
/// The body POSTed to a webhook (application/json). Json: <c>text, kind, level, state, key,
/// subject, detail, incident, incidentKind, nodes, sequence, at</c> — <c>text</c> first, so a Slack
/// or Mattermost incoming webhook shows it as is; Slack: <c>{"text"}</c> only. Enum values are camelCase.
/// </summary>
public static class AlertPayload
{
    public static byte[] Serialize(AlertNotice notice, WebhookFormat format)
    {
        ArgumentNullException.ThrowIfNull(notice);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", notice.Text);
            if (format == WebhookFormat.Json) WriteFields(json, notice);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteFields(Utf8JsonWriter json, AlertNotice notice)
    {
        json.WriteString("kind", Camel(notice.Kind.ToString()));
        json.WriteString("level", Camel(notice.Level.ToString()));
        json.WriteString("state", Camel(notice.State.ToString()));
        json.WriteString("key", notice.Key);
        json.WriteString("subject", notice.Subject);
        json.WriteString("detail", notice.Detail);
        json.WriteString("incident", notice.Incident);
        json.WriteString("incidentKind", notice.IncidentKind);
        json.WriteStartArray("nodes");
        foreach (var node in notice.Nodes) json.WriteStringValue(node.ToString());
        json.WriteEndArray();
        json.WriteNumber("sequence", notice.Sequence);
        json.WriteString("at", notice.At);
    }

    private static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}

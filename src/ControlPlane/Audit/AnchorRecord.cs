using System.Text.Json.Serialization;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// One line of <c>&lt;data&gt;/anchors.jsonl</c>: a chain head recorded outside the log, either an
/// anchor (with its DER TimeStampResp in <see cref="Token"/>, base64) or the head at a graceful stop.
/// </summary>
public sealed record AnchorRecord(
    long Seq,
    string Hash,
    DateTimeOffset Time,
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Token = null)
{
    public const string AnchorKind = "anchor";
    public const string StopKind = "stop";
}

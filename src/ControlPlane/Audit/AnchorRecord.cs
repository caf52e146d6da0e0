using System.Text.Json.Serialization;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// One line of <c>&lt;data&gt;/anchors.jsonl</c>: a chain head recorded outside the log: a signed
/// tree head (kind head: the LogHeadSigned event's own sequence and chain hash, its DER
/// TimeStampToken in <see cref="Token"/>, base64), the head at a graceful stop, or, in journals
/// written before signed heads superseded them, an anchor (its DER TimeStampResp in <see cref="Token"/>).
/// </summary>
public sealed record AnchorRecord(
    long Seq,
    string Hash,
    DateTimeOffset Time,
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Token = null)
{
    public const string HeadKind = "head";
    public const string AnchorKind = "anchor";
    public const string StopKind = "stop";

    /// <summary>A head the TSA signed (a signed tree head, or an old anchor), as opposed to a stop.</summary>
    [JsonIgnore]
    public bool IsSigned => Kind is HeadKind or AnchorKind;
}

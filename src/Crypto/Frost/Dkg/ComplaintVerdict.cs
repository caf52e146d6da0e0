using CcTsa.Contracts.Ids;

namespace CcTsa.Crypto.Frost.Dkg;

/// <summary>Who a checked complaint blames.</summary>
public enum ComplaintFinding
{
    /// <summary>The evidence proves the accused sent a share that does not open or fails its commitment.</summary>
    AccusedAtFault,
    /// <summary>The evidence proves the accused's share opens and is valid: a false accusation.</summary>
    ComplainerAtFault,
    /// <summary>The evidence is malformed or unverifiable: nobody is named.</summary>
    Unproven,
}

/// <summary>The outcome of <see cref="ShareComplaint.Judge"/>: the finding, the culprit it names (if any) and why.</summary>
public sealed record ComplaintVerdict(ComplaintFinding Finding, NodeId? Culprit, string Reason)
{
    public static ComplaintVerdict Accused(NodeId accused, string reason) => new(ComplaintFinding.AccusedAtFault, accused, reason);

    public static ComplaintVerdict Complainer(NodeId complainer, string reason) => new(ComplaintFinding.ComplainerAtFault, complainer, reason);

    public static ComplaintVerdict Unproven(string reason) => new(ComplaintFinding.Unproven, null, reason);
}

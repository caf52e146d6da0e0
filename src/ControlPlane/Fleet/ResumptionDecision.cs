using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>A resumption decision with its reason; GroupKey is set for Complete.</summary>
public sealed record ResumptionDecision(ResumptionVerdict Verdict, string Reason, byte[]? GroupKey, IReadOnlyList<NodeId> Culprits);

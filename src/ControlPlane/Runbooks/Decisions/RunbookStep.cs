using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Runbooks.Decisions;

/// <summary>
/// One step of a runbook. Name is stable for the same situation (e.g. "redistribute:n5@1"), so a
/// step recorded as completed before a restart is recognised and never run twice.
/// </summary>
public sealed record RunbookStep(string Name, RunbookAction Action, IReadOnlyList<NodeId> Nodes, NodeId? Target, int Epoch);

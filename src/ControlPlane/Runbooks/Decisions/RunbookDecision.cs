namespace CcTsa.ControlPlane.Runbooks.Decisions;

/// <summary>What a decision function concluded.</summary>
public enum DecisionKind
{
    /// <summary>Carry out <see cref="RunbookDecision.Step"/>.</summary>
    Act,
    /// <summary>Nothing can be done yet (waiting for a replacement node, a heal, a clock).</summary>
    Wait,
    /// <summary>The situation is worse than this runbook handles (e.g. node lost became quorum lost).</summary>
    Escalate,
    /// <summary>The incident is over.</summary>
    Resolve,
}

/// <summary>A decision: act with a step, wait, escalate or resolve, with a plain reason.</summary>
public sealed record RunbookDecision(DecisionKind Kind, RunbookStep? Step, string Reason)
{
    public static RunbookDecision Act(RunbookStep step, string reason) => new(DecisionKind.Act, step, reason);

    public static RunbookDecision Wait(string reason) => new(DecisionKind.Wait, null, reason);

    public static RunbookDecision Escalate(string reason) => new(DecisionKind.Escalate, null, reason);

    public static RunbookDecision Resolve(string reason) => new(DecisionKind.Resolve, null, reason);
}

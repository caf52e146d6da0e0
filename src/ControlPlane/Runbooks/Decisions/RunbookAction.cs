namespace CcTsa.ControlPlane.Runbooks.Decisions;

/// <summary>The actions a runbook step can ask the engine to carry out.</summary>
public enum RunbookAction
{
    /// <summary>Record that signing is halted (the gateway already refuses below quorum).</summary>
    HaltSigning,
    /// <summary>Run a share redistribution (repair) from ≥ t helpers to one replacement node.</summary>
    Redistribute,
    /// <summary>Run a new DKG over five attested nodes: new key, new epoch.</summary>
    RunDkg,
    /// <summary>Issue (and install on every node) the TSA certificate of the current epoch.</summary>
    IssueCertificate,
    /// <summary>Proactive refresh: same group key, every old share becomes useless.</summary>
    Refresh,
    /// <summary>Revoke the epoch certificate with reason keyCompromise and the compromise time.</summary>
    RevokeCertificate,
    /// <summary>List the tokens of the compromised epoch issued before/after the compromise time.</summary>
    ListTokens,
    /// <summary>Run the seed's post-recovery checklist, each item an event.</summary>
    Checklist,
    /// <summary>Ask the operator to replace a node (persistent clock drift): recorded, the operator provisions it.</summary>
    ReplaceNode,
}

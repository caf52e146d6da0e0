namespace CcTsa.Contracts.Messages.Fleet;

/// <summary>One counter a node reports in its heartbeat: how many times, since the node started, something happened for <paramref name="Reason"/> (a short fixed token, never message content).</summary>
public sealed record ReasonCount(string Reason, long Count);

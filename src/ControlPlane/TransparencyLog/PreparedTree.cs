namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// The tree work of one append computed before the store's transaction needs it: the batch's leaf
/// hashes and, when the in-memory frontier stood at the head, the plan itself (null: reload it with
/// <see cref="LogTreeAppender.PlanAsync"/>).
/// </summary>
/// <param name="Leaves">the raw leaf hashes, 32 bytes each, in order (<see cref="LogEntry.LeafDigests(long, DateTimeOffset, IReadOnlyList{CcTsa.ControlPlane.EventStore.EncodedEvent})"/>).</param>
public sealed record PreparedTree(byte[] Leaves, TreeAppend? Plan);

using CcTsa.ControlPlane.EventStore;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>A subtree the tree of the current size must have is not stored (tree rows removed or never built).</summary>
public sealed class TreeIncompleteException(string message) : EventStoreException(message);

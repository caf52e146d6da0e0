namespace CcTsa.ControlPlane.EventStore;

/// <summary>Another writer appended between reading the chain head and committing; nothing was written.</summary>
public sealed class ChainHeadMovedException : EventStoreException
{
    public ChainHeadMovedException(string message, Exception? inner = null) : base(message, inner) { }
}

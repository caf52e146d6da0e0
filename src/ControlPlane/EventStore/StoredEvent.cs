using CcTsa.Contracts.Hashing;

namespace CcTsa.ControlPlane.EventStore;

/// <summary>A row as the store holds it, before decoding: what chain verification needs.</summary>
public sealed record StoredEvent(long Sequence, DateTimeOffset Timestamp, string Type, ReadOnlyMemory<byte> Data, Sha256Hash PrevHash, Sha256Hash Hash);

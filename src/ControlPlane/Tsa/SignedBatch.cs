using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// A batch the fleet signed: the key epoch, the nodes that co-signed every token of it, and the
/// granted tokens (one per request, matched by RequestId). A batch that lacks a request's token is
/// treated as <see cref="Unavailability.BelowQuorum"/> for that request, never as a success.
/// </summary>
public sealed record SignedBatch(KeyEpoch Epoch, IReadOnlyList<NodeId> Signers, IReadOnlyList<SignedTimestamp> Tokens);

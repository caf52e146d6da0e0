using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// A time-stamp request that passed the parser: the DER exactly as received (it travels to the
/// signing coordinator in SignTimestampBatch), what the parser read from it, and the id that
/// correlates it with its token.
/// </summary>
public sealed record ValidatedRequest(Guid RequestId, ReadOnlyMemory<byte> RequestDer, TimeStampRequest Request);

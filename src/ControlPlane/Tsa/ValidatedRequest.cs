using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// A time-stamp request that passed the parser: the DER exactly as received (it travels to the
/// signing coordinator in SignTimestampBatch), what the parser read from it, and the id that
/// correlates it with its token. Head: the transparency-log tree head the request time-stamps
/// (LogHeadService), null for every client request; it travels to the signers, who check it.
/// </summary>
public sealed record ValidatedRequest(Guid RequestId, ReadOnlyMemory<byte> RequestDer, TimeStampRequest Request, LogHead? Head = null);

using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// Log messages of the TSA front and PKI (EventIds 5100–5199). Only counts, ids, epochs, serials
/// and durations: never request or token bytes.
/// </summary>
internal static partial class TsaLog
{
    [LoggerMessage(5101, LogLevel.Debug, "Issued {Count} tokens under epoch {Epoch} in {Milliseconds:F1} ms")]
    public static partial void BatchIssued(ILogger logger, int count, int epoch, double milliseconds);

    [LoggerMessage(5103, LogLevel.Error, "Signing batch of {Count} requests faulted")]
    public static partial void BatchFaulted(ILogger logger, int count, Exception exception);

    [LoggerMessage(5104, LogLevel.Error, "Audit log refused {Count} issuance events; tokens withheld")]
    public static partial void JournalFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(5105, LogLevel.Critical, "Serial {Serial} was already issued; token withheld")]
    public static partial void SerialRepeated(ILogger logger, string serial);

    [LoggerMessage(5110, LogLevel.Warning, "Time-stamp request refused with HTTP {Status}: {Reason}")]
    public static partial void HttpRefused(ILogger logger, int status, string reason);

    [LoggerMessage(5111, LogLevel.Information, "Time-stamp request rejected: {FailInfo}")]
    public static partial void Rejected(ILogger logger, string failInfo);

    [LoggerMessage(5112, LogLevel.Information, "Client went away before the reply (499)")]
    public static partial void ClientGone(ILogger logger);

    [LoggerMessage(5120, LogLevel.Information, "Certificate for epoch {Epoch} installed (serial {Serial})")]
    public static partial void CertificateInstalled(ILogger logger, int epoch, string serial);

    [LoggerMessage(5121, LogLevel.Warning, "Certificate for epoch {Epoch} revoked: {Reason}")]
    public static partial void CertificateRevoked(ILogger logger, int epoch, string reason);
}

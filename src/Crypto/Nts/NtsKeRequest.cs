namespace CcTsa.Crypto.Nts;

/// <summary>
/// The client's NTS-KE request (RFC 8915 §4): NTPv4 as next protocol, AEAD_AES_SIV_CMAC_256 as the
/// only AEAD, End of Message. All three are critical so a server that cannot honour them says so.
/// </summary>
public static class NtsKeRequest
{
    public const ushort NtpV4ProtocolId = 0;

    public static byte[] Encode()
    {
        NtsKeRecord[] records =
        [
            NtsKeRecord.Of(NtsKeRecordType.NextProtocol, true, NtpV4ProtocolId),
            NtsKeRecord.Of(NtsKeRecordType.AeadAlgorithm, true, AesSivCmac256.AeadId),
            NtsKeRecord.Of(NtsKeRecordType.EndOfMessage, true),
        ];
        var output = new byte[records.Sum(r => r.EncodedLength)];
        var at = 0;
        foreach (var r in records)
        {
            r.WriteTo(output.AsSpan(at));
            at += r.EncodedLength;
        }
        return output;
    }

    /// <summary>
    /// The TLS exporter context for the C2S (false) or S2C (true) key, RFC 8915 §5.1: Protocol ID,
    /// AEAD id, then 0x00 (client to server) or 0x01 (server to client).
    /// </summary>
    public static byte[] ExporterContext(bool serverToClient) =>
        [0, (byte)NtpV4ProtocolId, 0, (byte)AesSivCmac256.AeadId, serverToClient ? (byte)1 : (byte)0];

    public const string ExporterLabel = "EXPORTER-network-time-security";

    public const string Alpn = "ntske/1";

    public const int DefaultKePort = 4460;

    public const int DefaultNtpPort = 123;
}

namespace CcTsa.Crypto.Nts;

/// <summary>Why an NTS exchange was refused; each names one check of RFC 8915 / RFC 5905.</summary>
public enum NtsFailure
{
    /// <summary>The NTS-KE TCP connection could not be opened or broke.</summary>
    KeConnectionFailed,
    /// <summary>The TLS 1.3 handshake failed (other than an untrusted certificate).</summary>
    KeTlsFailed,
    /// <summary>The server's certificate does not chain to a trusted root or does not name the host.</summary>
    UntrustedCertificate,
    /// <summary>The server did not agree to ALPN "ntske/1".</summary>
    AlpnNotNegotiated,
    /// <summary>An NTS-KE record is cut short or its body has the wrong size.</summary>
    MalformedRecord,
    /// <summary>A record with the critical bit set that this client does not know (RFC 8915 §4).</summary>
    UnknownCriticalRecord,
    /// <summary>The server sent an Error record.</summary>
    ServerError,
    /// <summary>The server sent a Warning record (none are defined, so none can be acted upon).</summary>
    ServerWarning,
    /// <summary>No NTPv4 in the server's Next Protocol record.</summary>
    NoCommonProtocol,
    /// <summary>The server chose an AEAD this client did not offer.</summary>
    NoCommonAead,
    /// <summary>The server gave no cookie.</summary>
    NoCookies,
    /// <summary>The records ended without End of Message.</summary>
    MissingEndOfMessage,
    /// <summary>No NTP response arrived in time.</summary>
    NtpTimeout,
    /// <summary>The NTP packet or one of its extension fields is malformed.</summary>
    MalformedPacket,
    /// <summary>The response is not a server-mode NTPv4 packet.</summary>
    NotServerResponse,
    /// <summary>The Unique Identifier was not echoed.</summary>
    UniqueIdMismatch,
    /// <summary>The origin timestamp is not our transmit timestamp.</summary>
    OriginMismatch,
    /// <summary>No NTS Authenticator, or authenticated data the AEAD rejects.</summary>
    AuthenticationFailed,
    /// <summary>A kiss-o'-death (stratum 0), e.g. NTSN: the server no longer accepts the cookie.</summary>
    KissOfDeath,
    /// <summary>The server says its clock is not synchronised (leap indicator 3).</summary>
    Unsynchronised,
}

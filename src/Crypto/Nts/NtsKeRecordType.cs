namespace CcTsa.Crypto.Nts;

/// <summary>NTS-KE record types (RFC 8915 §4, IANA "NTS Key Establishment Record Types").</summary>
public enum NtsKeRecordType : ushort
{
    EndOfMessage = 0,
    NextProtocol = 1,
    Error = 2,
    Warning = 3,
    AeadAlgorithm = 4,
    NewCookie = 5,
    Server = 6,
    Port = 7,
}

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// PKIFailureInfo bit numbers exactly as RFC 3161 §2.4.2 (and RFC 4210) number them. The value is
/// the bit position in the DER BIT STRING, not a flag mask.
/// </summary>
public enum PkiFailureInfo
{
    /// <summary>Unrecognized or unsupported algorithm (imprint hash not in the allow-list, wrong length).</summary>
    BadAlg = 0,
    /// <summary>Transaction not permitted or supported (e.g. an unsupported request version).</summary>
    BadRequest = 2,
    /// <summary>The data submitted has the wrong format (malformed DER, trailing bytes).</summary>
    BadDataFormat = 5,
    /// <summary>The TSA's time source is not available (clock not validated by enough nodes).</summary>
    TimeNotAvailable = 14,
    /// <summary>The requested TSA policy is not supported by the TSA.</summary>
    UnacceptedPolicy = 15,
    /// <summary>The requested extension is not supported by the TSA.</summary>
    UnacceptedExtension = 16,
    /// <summary>The additional information requested could not be understood or is not available.</summary>
    AddInfoNotAvailable = 17,
    /// <summary>The request cannot be handled due to system failure (e.g. below signing quorum).</summary>
    SystemFailure = 25,
}

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// A decoded TimeStampResp: PKIStatus (0 granted, 1 grantedWithMods, 2 rejection, 3 waiting,
/// 4 revocationWarning, 5 revocationNotification), the failInfo bit when set, the statusString,
/// and the token (ContentInfo DER) when one is present.
/// </summary>
public sealed record TimeStampResponse(int Status, PkiFailureInfo? FailInfo, string? StatusText, ReadOnlyMemory<byte>? Token)
{
    public bool IsGranted => Status is 0 or 1 && Token is not null;

    public string StatusName => Status switch
    {
        0 => "granted",
        1 => "grantedWithMods",
        2 => "rejection",
        3 => "waiting",
        4 => "revocationWarning",
        5 => "revocationNotification",
        _ => "unknown status " + Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

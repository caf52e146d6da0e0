namespace CcTsa.Signer.Platform;

/// <summary>The platform cannot produce a report here (no /dev/sev-guest, firmware error, no VCEK).</summary>
public sealed class PlatformUnavailableException : Exception
{
    public PlatformUnavailableException() { }

    public PlatformUnavailableException(string message) : base(message) { }

    public PlatformUnavailableException(string message, Exception inner) : base(message, inner) { }
}

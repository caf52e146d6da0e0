using System.Globalization;
using CcTsa.Crypto.Nts;

namespace CcTsa.Signer.Clock.Nts;

/// <summary>An NTS-KE server as configured: host and KE port (default 4460, RFC 8915 §6).</summary>
public sealed record NtsServerEndpoint(string Host, int Port)
{
    /// <summary>Parses "host", "host:port" or "[v6]:port"; a bad value names itself in the error.</summary>
    public static NtsServerEndpoint Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        string host;
        string? port = null;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) throw new FormatException($"NTS server '{value}': missing ']' after the IPv6 address.");
            host = value[1..close];
            if (close + 1 < value.Length)
            {
                if (value[close + 1] != ':') throw new FormatException($"NTS server '{value}': expected ':port' after ']'.");
                port = value[(close + 2)..];
            }
        }
        else
        {
            var colon = value.LastIndexOf(':');
            if (colon >= 0 && value.IndexOf(':', StringComparison.Ordinal) != colon)
                throw new FormatException($"NTS server '{value}': write IPv6 addresses as [address]:port.");
            host = colon < 0 ? value : value[..colon];
            port = colon < 0 ? null : value[(colon + 1)..];
        }
        if (host.Length == 0) throw new FormatException($"NTS server '{value}': the host is empty.");
        if (port is null) return new NtsServerEndpoint(host, NtsKeRequest.DefaultKePort);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            throw new FormatException($"NTS server '{value}': port '{port}' is not a number from 1 to 65535.");
        return new NtsServerEndpoint(host, p);
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

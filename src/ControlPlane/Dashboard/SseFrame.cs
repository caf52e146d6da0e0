using System.Globalization;
using System.Text;

namespace CcTsa.ControlPlane.Dashboard;

/// <summary>
/// One Server-Sent Events frame (HTML Living Standard §9.2): optional <c>id:</c>, <c>event:</c>, one
/// <c>data:</c> line per line of the payload, then a blank line. Pure text, so the framing is tested apart from the I/O.
/// </summary>
public static class SseFrame
{
    public static string Format(long? id, string eventName, string data)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ArgumentNullException.ThrowIfNull(data);
        if (eventName.Contains('\n', StringComparison.Ordinal) || eventName.Contains('\r', StringComparison.Ordinal))
            throw new ArgumentException("An SSE event name is one line.", nameof(eventName));
        var frame = new StringBuilder();
        if (id is { } sequence) frame.Append("id: ").Append(sequence.ToString(CultureInfo.InvariantCulture)).Append('\n');
        frame.Append("event: ").Append(eventName).Append('\n');
        foreach (var line in data.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            frame.Append("data: ").Append(line).Append('\n');
        return frame.Append('\n').ToString();
    }

    /// <summary>The reconnection delay the browser should wait, in milliseconds.</summary>
    public static string Retry(int milliseconds) => "retry: " + milliseconds.ToString(CultureInfo.InvariantCulture) + "\n\n";

    /// <summary>A comment line: keeps idle proxies from closing the connection, ignored by clients.</summary>
    public const string KeepAlive = ": keep-alive\n\n";
}

namespace CcTsa.ControlPlane.Tests.Dashboard;

/// <summary>One parsed Server-Sent Events frame.</summary>
internal sealed record SseEvent(string? Id, string Event, string Data);

/// <summary>Reads SSE frames from a response body, line by line, as a browser does (HTML §9.2.6).</summary>
internal sealed class SseReader(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body);

    /// <summary>The next frame with an event name (comments and retry-only frames skipped); null at the end of the stream.</summary>
    public async Task<SseEvent?> NextAsync(CancellationToken ct)
    {
        string? id = null, name = null;
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(ct);
            if (line is null) return null;
            if (line.Length == 0)
            {
                if (name is not null) return new SseEvent(id, name, string.Join('\n', data));
                id = null;
                data.Clear();
                continue;
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data.Add(value); break;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}

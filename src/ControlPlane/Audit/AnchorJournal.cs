using System.Text;
using System.Text.Json;
using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.EventStore;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// <c>&lt;data&gt;/anchors.jsonl</c>: every signed tree head (and, in older journals, every anchor)
/// and the head at every graceful stop, appended one
/// JSON object per line and flushed to disk, so truncation or a rewrite of the log is detectable
/// against heads kept outside it (also served at GET /api/audit/head for external monitors).
/// </summary>
public sealed class AnchorJournal
{
    public const string FileName = "anchors.jsonl";

    private readonly Lock _gate = new();
    private AnchorRecord? _lastAnchor;
    private bool _loaded;

    public AnchorJournal(string dataDirectory) => Path = System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDirectory), FileName);

    public string Path { get; }

    /// <summary>The latest signed line (kind head, or anchor in an older journal), or null when none was recorded.</summary>
    public AnchorRecord? LastAnchor
    {
        get
        {
            lock (_gate)
            {
                if (!_loaded)
                {
                    _loaded = true;
                    if (TryRead(Path, out var records, out _))
                        _lastAnchor = records.LastOrDefault(r => r.IsSigned);
                }
                return _lastAnchor;
            }
        }
    }

    public void Append(AnchorRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // the codec's options: one serializer for everything the TSA writes (camelCase fields)
        var line = Encoding.UTF8.GetString(EventCodec.SerializeValue(record)) + "\n";
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using (var f = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                f.Write(Encoding.UTF8.GetBytes(line));
                f.Flush(flushToDisk: true);
            }
            if (record.IsSigned) _lastAnchor = record;
        }
    }

    /// <summary>Reads a journal file; a missing file is an empty list; a malformed line is an error naming it.</summary>
    public static bool TryRead(string path, out IReadOnlyList<AnchorRecord> records, out string? error)
    {
        var list = new List<AnchorRecord>();
        records = list;
        error = null;
        if (!File.Exists(path)) return true;
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            AnchorRecord? r;
            try { r = JsonSerializer.Deserialize<AnchorRecord>(line, EventCodec.Options); }
            catch (JsonException) { r = null; }
            if (r is null || r.Seq < 0 || !Sha256Hash.TryParse(r.Hash, out _) || r.Kind is not (AnchorRecord.HeadKind or AnchorRecord.AnchorKind or AnchorRecord.StopKind))
            {
                error = $"{path} line {n} is not an anchor record";
                return false;
            }
            list.Add(r);
        }
        return true;
    }
}

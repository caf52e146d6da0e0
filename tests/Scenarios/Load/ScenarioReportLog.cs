using System.Text.Json;
using CcTsa.Testing;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Load;

/// <summary>Writes scenario reports to the xunit output and appends them (JSON lines) under TestResults.</summary>
public static class ScenarioReportLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly object Gate = new();

    public static string FilePath => Path.Combine(Fixtures.RepoRoot, "TestResults", "scenarios.jsonl");

    public static void Write(ScenarioReport report, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var reasons = string.Join(", ", report.RejectedByReason.Select(r => $"{r.Key}={r.Value}"));
        var phases = string.Join(", ", report.Phases.Select(p => $"{p.Key}={p.Value:0.0}s"));
        output.WriteLine($"REPORT {report.Scenario} [{report.Setup}]: sent={report.Sent} granted={report.Granted} rejected={report.Rejected} ({reasons}) lost={report.Lost} badTokens={report.BadTokens} recovery={report.RecoverySeconds?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"}s phases: {phases} {report.Notes}");
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            File.AppendAllText(FilePath, JsonSerializer.Serialize(report, Json) + "\n");
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Bench.Embedded;

/// <summary>
/// `ceremonies`: issue 17's ceremony timings on the five-node in-memory fleet (<see cref="BenchFleet"/>,
/// every scheme the signers hold): DKG 3-of-5 and refresh of epoch 1, each from BeginCeremony to the last node's CeremonyFinished (the moments the control plane
/// records as ceremony_started / ceremony_completed), wall time and the process's CPU time (all five
/// nodes), beside the same-run baseline of one in-process FROST-only DKG 3-of-5 (no bus, no
/// attestation, no ECDSA or ML-DSA), each once the fleet is idle. The first DKG (JIT) is reported apart. Redistribution is not
/// here: its recipient must have lost its share (a killed and restarted node), which this fleet
/// cannot do; quorum loss needs the control plane.
/// Usage: <c>dotnet bench/CcTsa.Bench/bin/Release/net10.0/CcTsa.Bench.dll ceremonies [rounds]</c>.
/// </summary>
internal static class CeremonyTimings
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        await using var fleet = await BenchFleet.StartAsync();
        var all = fleet.Nodes.Select(n => n.Id).ToList();
        var first = await TimeAsync(() => fleet.CeremonyAsync(CeremonyKind.Dkg, 1, all));
        Print("first DKG 3-of-5 (JIT included)", first);
        var ids = Enumerable.Range(1, 5).Select(ParticipantId.FromIndex).ToArray();
        DkgGroupTimings.FrostDkg(ids);
        var kinds = new (string Name, Func<int, Task> Run)[]
        {
            ("refresh, epoch 1, five nodes", _ => fleet.CeremonyAsync(CeremonyKind.Refresh, 1, all)),
            ("DKG 3-of-5, new epoch", r => fleet.CeremonyAsync(CeremonyKind.Dkg, 1 + r, all)),
        };
        for (var r = 1; r <= rounds; r++)
        {
            var baseline = Cpu(() => DkgGroupTimings.FrostDkg(ids));
            Console.WriteLine(Line($"round {r}: baseline FROST-only DKG in process {baseline.TotalMilliseconds:F1} ms CPU (load {Load()})"));
            foreach (var (name, run) in kinds)
            {
                var settled = await SettleAsync();
                Print($"round {r}: {name} (after {settled.TotalSeconds:F0} s settling)", await TimeAsync(() => run(r)));
            }
        }
        // resident memory of the whole five-node process (issue 17's memory target is per signer process)
        var status = File.ReadAllLines("/proc/self/status").Where(l => l.StartsWith("VmRSS", StringComparison.Ordinal) || l.StartsWith("VmHWM", StringComparison.Ordinal));
        Console.WriteLine($"memory, five nodes in one process: {string.Join(", ", status.Select(l => string.Join(' ', l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))))}; managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB");
        return 0;
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> TimeAsync(Func<Task> run)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        await run();
        return (sw.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    /// <summary>
    /// Waits until the fleet is idle (under 5 % of a core over half a second, at most two minutes):
    /// a finished ceremony sets off the nodes' nonce-pool and presignature refills in the
    /// background, whose CPU would otherwise land in the next ceremony's figures.
    /// </summary>
    private static async Task<TimeSpan> SettleAsync()
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromMinutes(2))
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            await Task.Delay(500);
            if (Process.GetCurrentProcess().TotalProcessorTime - cpu < TimeSpan.FromMilliseconds(25)) break;
        }
        return sw.Elapsed;
    }

    private static TimeSpan Cpu(Action a)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        a();
        return Process.GetCurrentProcess().TotalProcessorTime - cpu;
    }

    private static void Print(string name, (TimeSpan Wall, TimeSpan Cpu) t) =>
        Console.WriteLine(Line($"{name}: {t.Wall.TotalMilliseconds:F0} ms wall, {t.Cpu.TotalMilliseconds:F0} ms CPU (load {Load()})"));

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static string Line(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

using System.Diagnostics;

namespace CcTsa.Bench.MlDsa;

/// <summary>A stopwatch over this process's CPU time (user + system), for a machine shared with other work.</summary>
internal sealed class CpuClock
{
    private TimeSpan _start = Now();
    private TimeSpan? _stopped;

    public static CpuClock StartNew() => new();

    public TimeSpan Elapsed => (_stopped ?? Now()) - _start;

    public void Restart()
    {
        _start = Now();
        _stopped = null;
    }

    public void Stop() => _stopped = Now();

    private static TimeSpan Now()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime;
    }
}

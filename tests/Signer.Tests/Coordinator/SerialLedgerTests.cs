using CcTsa.Signer.Coordinator;

namespace CcTsa.Signer.Tests.Coordinator;

/// <summary>The serial ledger refuses a serial for a second TSTInfo and forgets only serials whose genTime left the window.</summary>
public class SerialLedgerTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 4, 0, 0, TimeSpan.Zero);

    private static readonly byte[] TstA = [1, 2, 3];
    private static readonly byte[] TstB = [1, 2, 4];

    [Fact]
    public void Repeat_for_another_TSTInfo_within_the_window_is_refused()
    {
        var ledger = new SerialLedger(Window);
        var serial = TimedSerial.For(T0);
        Assert.True(ledger.TryRecord(serial, T0, T0, TstA));
        Assert.False(ledger.TryRecord(serial, T0, T0.AddSeconds(1), TstB));
    }

    [Fact]
    public void The_same_TSTInfo_again_is_no_repeat_a_rejected_ML_DSA_run_or_the_other_half_of_a_hybrid_token()
    {
        var ledger = new SerialLedger(Window);
        var serial = TimedSerial.For(T0);
        Assert.True(ledger.TryRecord(serial, T0, T0, TstA));
        Assert.True(ledger.TryRecord(serial, T0, T0.AddSeconds(1), TstA));
        Assert.False(ledger.TryRecord(serial, T0, T0.AddSeconds(1), TstB));
    }

    [Fact]
    public void Serials_older_than_the_window_are_forgotten_so_memory_stays_bounded()
    {
        var ledger = new SerialLedger(Window);
        for (int second = 0; second < 600; second++)
        {
            var at = T0.AddSeconds(second);
            for (int i = 0; i < 10; i++) Assert.True(ledger.TryRecord(TimedSerial.For(at), at, at, TstA));
        }
        // window plus the partial buckets at both ends, never the 6000 recorded
        Assert.InRange(ledger.Count, 1, 10 * ((int)Window.TotalSeconds + 3));
    }

    [Fact]
    public void A_serial_kept_at_the_window_edge_is_still_refused()
    {
        var ledger = new SerialLedger(Window);
        var serial = TimedSerial.For(T0);
        Assert.True(ledger.TryRecord(serial, T0, T0, TstA));
        Assert.False(ledger.TryRecord(serial, T0, T0 + Window, TstB));
    }
}

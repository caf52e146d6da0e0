using CcTsa.Contracts.Ids;
using CcTsa.Signer.Clock;
using CcTsa.Signer.Clock.Nts;
using CcTsa.Testing;

namespace CcTsa.Signer.Tests.Clock.Nts;

/// <summary>
/// A trusted clock checked against real NTS servers (chronyd): healthy while they agree with it,
/// unhealthy when it is 2 s off or the servers go silent, healthy again once either is over.
/// </summary>
public sealed class NtsPollerTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);


    [Fact]
    public async Task ASkewedClockIsExcludedByRealNtsAndRejoinsWhenTheSkewEnds()
    {
        using var a = new ChronyNtsServer();
        using var b = new ChronyNtsServer();
        using var c = new ChronyNtsServer();
        var tsc = new SecureTscClock(TimeProvider.System);
        var trust = NtsTrust.FromFiles([a.CertificatePath, b.CertificatePath, c.CertificatePath]);
        using var poller = new NtsPoller(new NtsServerSet([.. new[] { a, b, c }.Select(s => NtsServerEndpoint.Parse(s.Endpoint))], trust, tsc.Now), Poll);
        var clock = new TrustedClock(NodeId.FromIndex(1), tsc, nts: poller, faultMode: true);

        await ClockHealth.AwaitAsync(clock, true, "three honest chronyd servers");
        var selection = clock.ValidateAgainstNts();
        Assert.True(selection.HasMajority);
        // Three chronyd on one host agree to within microseconds, but their intervals (offset ± delay/2)
        // are tens of microseconds wide, so Marzullo may leave one out; a majority is what counts.
        Assert.InRange(selection.Truechimers.Count, 2, 3);

        clock.ApplyFaultSkew(TimeSpan.FromSeconds(2));
        await ClockHealth.AwaitAsync(clock, false, "a clock 2 s ahead of every server");
        var skewed = poller.LastRound!.Selection;
        NtsBounds.AssertBrackets(skewed, TimeSpan.FromSeconds(-2));

        clock.ClearFaultSkew();
        await ClockHealth.AwaitAsync(clock, true, "the skew removed");
    }

    [Fact]
    public async Task SilentServersMakeTheClockUnhealthyUntilTheyAnswerAgain()
    {
        using var a = new ChronyNtsServer();
        var tsc = new SecureTscClock(TimeProvider.System);
        using var poller = new NtsPoller(new NtsServerSet([NtsServerEndpoint.Parse(a.Endpoint)], NtsTrust.FromFiles([a.CertificatePath]), tsc.Now, TimeSpan.FromSeconds(5)), Poll); // a stopped server refuses at once; 5 s only bounds a slow handshake
        var clock = new TrustedClock(NodeId.FromIndex(2), tsc, nts: poller);

        await ClockHealth.AwaitAsync(clock, true, "chronyd answering");
        a.Stop();
        await ClockHealth.AwaitAsync(clock, false, "chronyd stopped");
        // the clock may go unhealthy on its last sample's age before the round that finds chronyd silent ends
        await ClockHealth.UntilAsync(() => poller.LastRound!.Answers.Any(r => !r.IsOk), "no round ever reported the stopped chronyd");
        a.Start();
        await ClockHealth.AwaitAsync(clock, true, "chronyd restarted (a new NTS-KE)");
    }
}

using CcTsa.Contracts.Ids;
using CcTsa.Signer.Clock;
using CcTsa.Signer.Clock.Nts;
using CcTsa.Testing;

namespace CcTsa.Signer.Tests.Clock.Nts;

/// <summary>
/// A real NTS server that lies: chronyd under libfaketime (`faketime -f +2s`) serves correctly
/// authenticated time 2 s ahead. The client measures it; a clock checked against it alone is
/// excluded and rejoins once the server is honest again; beside two honest servers it is outvoted.
/// </summary>
public sealed class LyingNtsServerTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);


    [Fact]
    public async Task A_server_lying_by_two_seconds_is_measured_excludes_the_clock_alone_and_the_clock_rejoins_when_it_is_honest()
    {
        using var liar = new ChronyNtsServer { Lie = TimeSpan.FromSeconds(2) };
        liar.Stop();
        liar.Start(); // the constructor started it honest: restart under faketime
        var tsc = new SecureTscClock(TimeProvider.System);
        using var poller = new NtsPoller(new NtsServerSet([NtsServerEndpoint.Parse(liar.Endpoint)], NtsTrust.FromFiles([liar.CertificatePath]), tsc.Now), Poll);
        var clock = new TrustedClock(NodeId.FromIndex(1), tsc, nts: poller);

        await ClockHealth.AwaitAsync(clock, false, "the only NTS server is 2 s ahead");
        var round = poller.LastRound!;
        Assert.True(round.Answers.Single().TryGet(out var sample, out var refused), refused?.ToString());
        NtsBounds.AssertBrackets(sample, TimeSpan.FromSeconds(2));

        liar.Stop();
        liar.Lie = null;
        liar.Start();
        await ClockHealth.AwaitAsync(clock, true, "the server restarted honest");
        NtsBounds.AssertBrackets(poller.LastRound!.Selection, TimeSpan.Zero);
    }

    [Fact]
    public async Task Beside_two_honest_servers_the_liar_is_outvoted_and_the_clock_stays_healthy()
    {
        using var a = new ChronyNtsServer();
        using var b = new ChronyNtsServer();
        using var liar = new ChronyNtsServer { Lie = TimeSpan.FromSeconds(2) };
        liar.Stop();
        liar.Start();
        var tsc = new SecureTscClock(TimeProvider.System);
        var trust = NtsTrust.FromFiles([a.CertificatePath, b.CertificatePath, liar.CertificatePath]);
        using var poller = new NtsPoller(new NtsServerSet([.. new[] { a, b, liar }.Select(s => NtsServerEndpoint.Parse(s.Endpoint))], trust, tsc.Now), Poll);
        var clock = new TrustedClock(NodeId.FromIndex(2), tsc, nts: poller);

        await ClockHealth.AwaitAsync(clock, true, "two honest servers against one liar");
        var selection = clock.ValidateAgainstNts();
        Assert.True(selection.HasMajority);
        Assert.DoesNotContain(selection.Truechimers, t => t.EndsWith(":" + liar.KePort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(2, selection.Truechimers.Count);
        NtsBounds.AssertBrackets(selection, TimeSpan.Zero);
    }
}

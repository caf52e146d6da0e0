using System.CommandLine;
using CcTsa.Cli.Commands;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Runbooks;
using CcTsa.ControlPlane.Runbooks.Decisions;
using CcTsa.Contracts.Ids;
using static CcTsa.ControlPlane.Tests.Fleet.RosterBuilder;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>`--clock-replace-after` of `up` and `serve`: seconds or a TimeSpan, bounded; the limit it sets is the one the clock-drift runbook applies.</summary>
public sealed class ClockReplaceAfterOptionTests
{
    [Theory]
    [InlineData("serve", "soon", "'soon' is neither seconds")]
    [InlineData("up", "soon", "'soon' is neither seconds")]
    [InlineData("serve", "0", "is outside 00:00:01")]
    [InlineData("up", "-5", "is outside 00:00:01")]
    [InlineData("up", "8.00:00:00", "is outside 00:00:01")]
    public void A_bad_limit_exits_usage_naming_the_value(string verb, string value, string expected)
    {
        var error = new StringWriter();
        string[] args = verb == "serve"
            ? ["serve", "--pg", "Host=127.0.0.1;Port=1", "--amqp", "amqp://guest:guest@127.0.0.1:1/", "--clock-replace-after", value]
            : ["up", "--data", Path.Combine(Path.GetTempPath(), "cctsa-never-created-" + Guid.NewGuid()), "--clock-replace-after", value];
        var exit = CctsaCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--clock-replace-after: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("2.5", 2.5)]
    [InlineData("00:05:00", 300)]
    public void Seconds_or_a_time_span_are_read(string value, double seconds)
    {
        Assert.True(ClockReplaceAfterOption.TryResolve(value, out var limit, out var error), error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), limit);
    }

    [Fact]
    public void Absent_keeps_the_ten_minute_default()
    {
        Assert.True(ClockReplaceAfterOption.TryResolve(null, out var limit, out _));
        Assert.Null(limit);
        Assert.Equal(TimeSpan.FromMinutes(10), ClockReplaceAfterOption.Apply(new FleetOptions(), limit).ClockDriftReplaceAfter);
    }

    [Fact]
    public void A_short_limit_from_the_flag_opens_the_replace_step_where_the_default_still_waits()
    {
        Assert.True(ClockReplaceAfterOption.TryResolve("3", out var limit, out var error), error);
        var options = ClockReplaceAfterOption.Apply(new FleetOptions(), limit);
        var drifting = FleetOf(5, 1).OnHeartbeat(Beat(3, 1, clockOk: false), T0, 2).Roster;
        var facts = new RunbookFacts(drifting, 1, true, 3, 5, new HashSet<string>());
        var openFor = TimeSpan.FromSeconds(4);

        var decision = ClockDrift.Decide(facts, [NodeId.FromIndex(3)], openFor, options.ClockDriftReplaceAfter);
        Assert.Equal(RunbookAction.ReplaceNode, decision.Step!.Action);
        Assert.Equal("replace:n3", decision.Step.Name);
        Assert.Equal(DecisionKind.Wait, ClockDrift.Decide(facts, [NodeId.FromIndex(3)], openFor, new FleetOptions().ClockDriftReplaceAfter).Kind);
    }
}

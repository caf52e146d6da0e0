using CcTsa.Contracts.Hosting;
using CcTsa.Hosting;
using MassTransit.UsageTracking;
using Microsoft.Extensions.DependencyInjection;

namespace CcTsa.Hosting.Tests;

/// <summary>
/// Issue 14 item 5: MassTransit reports usage telemetry to an outside host (after a delay of minutes
/// or at shutdown, so a short socket watch of a running process cannot catch it). The one bus setup
/// must leave the tracker disabled, whatever transport.
/// </summary>
public class UsageTelemetryTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("amqp://guest:guest@127.0.0.1:5672/")]
    public async Task The_bus_setup_disables_masstransit_usage_telemetry(string? amqp)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCctsaBus(new BusOptions(amqp is null ? null : new Uri(amqp)), _ => { });
        await using var provider = services.BuildServiceProvider();
        // the tracker MassTransit will use (it reads the options and MASSTRANSIT_USAGE_TELEMETRY when built)
        var tracker = Assert.IsType<UsageTracker>(provider.GetRequiredService<IUsageTracker>());
        Assert.False(tracker.Enabled, "MassTransit usage telemetry is on: the TSA would call usage-tracking.masstransit.io");
    }
}

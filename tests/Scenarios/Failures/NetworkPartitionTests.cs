using CcTsa.Scenarios.Harness;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// Seed §11: a 3/2 split → only the three-node side signs; a 2/2/1 split → nobody signs (503 with
/// a reason); healing → signing as before with no ceremony, same epoch and key. No token is ever
/// signed across sides, and serial numbers never repeat (no conflicting state from two sides).
/// Only rounds started after the partition call returned are judged (genTime later than that).
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed class NetworkPartitionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TsaSetupKind.Embedded)]
    [InlineData(TsaSetupKind.Distributed)]
    public async Task Only_a_majority_side_signs_and_healing_needs_no_ceremony(TsaSetupKind setup)
    {
        await using var run = await ScenarioRun.StartAsync("network partition", setup, output);
        var mark = await run.Api.HeadAsync();

        string[] majority = ["n1", "n2", "n3"];
        run.FaultInjected();
        await run.Api.PartitionAsync([majority, ["n4", "n5"]]);
        var split = DateTimeOffset.UtcNow;
        var detected = await run.WaitEventAsync("partition_detected", mark);
        await run.ExpectSigningContinuesAsync(split);
        run.Phase("3/2 majority signing");
        await run.Api.HealAsync();
        var healed = await run.WaitEventAsync("partition_healed", detected.Sequence);
        Assert.All((await run.Api.EventsAsync("token_issued", detected.Sequence)).Where(t => t.Sequence < healed.Sequence && t.TimeField("genTime") > split),
            t => Assert.Subset(majority.ToHashSet(), t.Nodes("signers").ToHashSet()));
        await run.WaitStateAsync("Healthy", s => s.SharesHeld == 5);
        run.Phase("3/2 healed");

        var second = await run.Api.HeadAsync();
        await run.Api.PartitionAsync([["n1", "n2"], ["n3", "n4"], ["n5"]]);
        var threeWay = DateTimeOffset.UtcNow;
        var detected2 = await run.WaitEventAsync("partition_detected", second);
        await run.ExpectHaltedAsync();
        run.Phase("2/2/1 halted");
        await run.Api.HealAsync();
        var healed2 = await run.WaitEventAsync("partition_healed", detected2.Sequence);
        Assert.DoesNotContain(await run.Api.EventsAsync("token_issued", detected2.Sequence),
            t => t.Sequence < healed2.Sequence && t.TimeField("genTime") > threeWay);
        await run.ExpectSigningResumesAsync();
        var healthy = await run.WaitStateAsync("Healthy", s => s.SharesHeld == 5);
        run.Recovered();

        Assert.Equal((run.Initial.Epoch, run.Initial.PublicKey), (healthy.Epoch, healthy.PublicKey));
        Assert.Empty(await run.Api.EventsAsync("ceremony_started", mark));
        var serials = (await run.Api.EventsAsync("token_issued")).Select(t => t.Text("serial")).ToList();
        Assert.Equal(serials.Count, serials.Distinct().Count());
        Assert.Equal(run.Load.Tokens.Count, run.Load.Tokens.Select(t => t.SerialHex).Distinct().Count());
        await run.FinishAsync("recovery = first partition to Healthy after the second heal");
    }
}

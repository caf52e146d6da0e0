using System.Diagnostics;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Signer.Clock.Nts;
using CcTsa.Testing;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// A signer whose clock is checked against a real NTS server (chronyd) signs; with the server
/// stopped it stops signing while the others go on, and it signs again once the server is back.
/// </summary>
[Collection(FleetCollection.Name)]
public class RealNtsSigningTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N4 = NodeId.Parse("n4");

    private static async Task AwaitHealth(SignerNode node, bool expected)
    {
        var waited = Stopwatch.StartNew();
        while (node.Context.ClockHealthy != expected)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(20)) throw new Xunit.Sdk.XunitException($"{node.Id} never became {(expected ? "clock-healthy" : "clock-unhealthy")}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Signs with n4 as coordinator once its clock is healthy. One NTS round that times out on a loaded
    /// host makes the clock unhealthy for a poll (as it should), so a refusal citing the clock waits for
    /// health again; what is checked is that n4 signs while chronyd serves, not that no round is ever slow.
    /// </summary>
    private static async Task<TimestampBatchSigned> SignWithN4Async(TestCluster cluster, IReadOnlyList<TimestampToSign> items)
    {
        for (var attempt = 1; ; attempt++)
        {
            await AwaitHealth(cluster[N4], true);
            var result = await cluster.SignAsync(N4, 1, items);
            if (result is SigningFailed { Detail: var detail } && detail.Contains("clock", StringComparison.Ordinal) && attempt < 5) continue;
            return TestCluster.SignedOrFail(result);
        }
    }

    [Fact]
    public async Task Signer_on_real_nts_signs_stops_when_the_server_stops_and_rejoins_when_it_is_back()
    {
        using var chrony = new ChronyNtsServer();
        var trust = NtsTrust.FromFiles([chrony.CertificatePath]);
        // n4 checks its clock against chronyd; the other four keep the simulated servers.
        await using var cluster = await TestCluster.StartAsync(customize: (id, o) => id == N4
            ? o with { SimulatedTime = false, Nts = [NtsServerEndpoint.Parse(chrony.Endpoint)], NtsTrust = trust, NtsPollInterval = TimeSpan.FromMilliseconds(200) }
            : o);
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        var items = Requests.Batch(3);
        var signed = await SignWithN4Async(cluster, items);
        Assert.Contains(N4, signed.Signers);
        for (var i = 0; i < items.Count; i++) Requests.VerifyIndependently(signed.Tokens[i], items[i], cluster.Certificate!.Der, groupKey);

        chrony.Stop();
        await AwaitHealth(cluster[N4], false);
        var refused = Assert.IsType<SigningFailed>(await cluster.SignAsync(N4, 1, Requests.Batch(1)));
        Assert.Contains("clock", refused.Detail, StringComparison.Ordinal);
        var without = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(2)));
        Assert.DoesNotContain(N4, without.Signers);

        chrony.Start();
        var again = await SignWithN4Async(cluster, Requests.Batch(2));
        Assert.Contains(N4, again.Signers);
    }
}

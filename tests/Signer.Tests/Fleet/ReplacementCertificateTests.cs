using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Faults;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// The control plane installs the epoch certificate on a replacement right after attesting it,
/// before the repair gives it a share. Regression: the node's group-key lookup turned "no share"
/// into an empty key, so it refused that certificate as "not the epoch's group key", never got
/// another, and could not sign after the repair (failure-matrix provider outage).
/// </summary>
[Collection(FleetCollection.Name)]
public class ReplacementCertificateTests
{
    [Fact]
    public async Task Replacement_accepts_the_certificate_before_its_repair_and_signs_after_it()
    {
        await using var cluster = await TestCluster.StartAsync();
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        var n1 = NodeId.Parse("n1");
        await cluster.InjectAsync(new InjectFault(n1, FaultKind.Kill, 0, []));
        var replacement = await cluster.StartNodeAsync(n1);
        await cluster.WaitMutuallyAttestedAsync(TestCluster.All);
        Assert.False(replacement.Context.Vault.Holds(1));
        await cluster.InstallCertificateAsync(1); // waits until every node, the replacement too, installed it
        var finished = await cluster.RunCeremonyAsync(CeremonyKind.Redistribution, 1, [NodeId.Parse("n2"), NodeId.Parse("n3"), NodeId.Parse("n4")], n1);
        Assert.All(finished, f => Assert.True(f.Ok, f.Error));
        Assert.Equal(Convert.ToHexString(groupKey), Convert.ToHexString(replacement.Context.Vault.PublicKeys(1)!.VerifyingKey.Encoding.ToArray()));
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(n1, 1, Requests.Batch(3)));
        Assert.Contains(n1, signed.Signers);
    }
}

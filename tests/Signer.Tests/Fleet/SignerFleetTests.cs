using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.Signer.Tests.Fleet;

public class SignerFleetTests
{
    [Fact]
    public async Task Dkg_then_small_batch_signs_and_verifies()
    {
        await using var cluster = await TestCluster.StartAsync();
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        var items = Requests.Batch(10);
        var outcome = await cluster.SignAsync(NodeId.Parse("n1"), 1, items);
        var signed = Assert.IsType<TimestampBatchSigned>(outcome);
        Assert.Equal(10, signed.Tokens.Count);
        for (int i = 0; i < items.Count; i++) Requests.VerifyIndependently(signed.Tokens[i], items[i], cluster.Certificate!.Der, groupKey);
    }
}

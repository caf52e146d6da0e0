using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Signer.Participants;

namespace CcTsa.Signer.Tests.Participants;

/// <summary>Refusal texts become a few fixed metric tokens (item numbers and counts never become labels).</summary>
public class SigningRefusalsTests
{
    [Theory]
    [InlineData("item 0: genTime too far in the past for this node's clock", SigningRefusals.GenTime)]
    [InlineData("item 12: genTime ahead of this node's clock", SigningRefusals.GenTime)]
    [InlineData("item 3: serial does not embed genTime", SigningRefusals.Serial)]
    [InlineData("item 1: policy not offered", SigningRefusals.Certificate)]
    [InlineData("item 1: tsa is not the certificate subject", SigningRefusals.Certificate)]
    [InlineData("item 2: accuracy is not the signers' accuracy", SigningRefusals.TstInfo)]
    [InlineData("item 0: clock excluded from signing", SigningRefusals.Clock)]
    [InlineData("too many items (10240, at most 256)", SigningRefusals.TooLarge)]
    [InlineData("epoch not held", SigningRefusals.Epoch)]
    [InlineData("duplicate signers", SigningRefusals.Signers)]
    [InlineData("unknown purpose", SigningRefusals.Other)]
    public void Classify_maps_a_refusal_text_to_its_token(string why, string token) => Assert.Equal(token, SigningRefusals.Classify(why));

    [Fact]
    public void Counts_by_token_in_a_stable_order_for_the_heartbeat()
    {
        var refusals = new SigningRefusals();
        refusals.ShareRefused("item 0: genTime too far in the past for this node's clock", staleCommitments: false);
        refusals.ShareRefused("item 7: genTime ahead of this node's clock", staleCommitments: false);
        refusals.ShareRefused("commitments not in the pool", staleCommitments: true);
        refusals.QuotaRefused();
        Assert.Equal([new ReasonCount(SigningRefusals.GenTime, 2), new ReasonCount(SigningRefusals.Quota, 1), new ReasonCount(SigningRefusals.StaleCommitments, 1)],
            refusals.ByReason());
    }
}

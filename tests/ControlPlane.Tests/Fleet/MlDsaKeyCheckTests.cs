using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>
/// Issue 16, node loss → redistribution of the post-quantum key: a ceremony that keeps the epoch
/// completes only when the replacement holds the epoch's own ML-DSA-65 key (a participant reporting
/// another one — a swapped transcript, a compromised helper's key — is refused).
/// </summary>
public sealed class MlDsaKeyCheckTests
{
    private static readonly byte[] EpochKey = [.. Enumerable.Repeat((byte)0x42, 1952)];
    private static readonly string EpochKeyHex = Convert.ToHexStringLower(EpochKey);

    [Fact]
    public void A_redistribution_that_re_shared_the_epochs_ML_DSA_key_completes() =>
        Assert.Null(MlDsaKeyCheck.Refusal(CeremonyKind.Redistribution, EpochKeyHex, EpochKey));

    [Fact]
    public void A_redistribution_reporting_another_ML_DSA_key_is_refused()
    {
        var other = EpochKey.ToArray();
        other[^1] ^= 1;

        var refusal = MlDsaKeyCheck.Refusal(CeremonyKind.Redistribution, EpochKeyHex, other);

        Assert.Contains("ML-DSA-65 key changed during a Redistribution", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replacement_left_without_an_ML_DSA_share_is_refused() =>
        Assert.Contains("not re-shared", MlDsaKeyCheck.Refusal(CeremonyKind.Redistribution, EpochKeyHex, null), StringComparison.Ordinal);

    [Fact]
    public void A_refresh_that_leaves_the_ML_DSA_shares_alone_and_a_DKG_making_a_new_key_pass()
    {
        Assert.Null(MlDsaKeyCheck.Refusal(CeremonyKind.Refresh, EpochKeyHex, null));
        Assert.Null(MlDsaKeyCheck.Refusal(CeremonyKind.Dkg, EpochKeyHex, [1, 2, 3]));
        Assert.NotNull(MlDsaKeyCheck.Refusal(CeremonyKind.Refresh, EpochKeyHex, [1, 2, 3]));
    }

    [Fact]
    public void An_epoch_without_an_ML_DSA_key_asks_nothing_of_the_ceremony() =>
        Assert.Null(MlDsaKeyCheck.Refusal(CeremonyKind.Redistribution, null, null));
}

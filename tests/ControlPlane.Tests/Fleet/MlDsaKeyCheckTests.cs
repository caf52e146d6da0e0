using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>
/// Issue 16, node loss → redistribution of the post-quantum key: a ceremony that keeps the epoch
/// completes only when the replacement holds the epoch's own ML-DSA-65 key (a participant reporting
/// another one — a swapped transcript, a compromised helper's key — is refused); a refresh completes
/// only when it re-keyed ML-DSA-65 (a new key every participant reported).
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
    public void A_refresh_that_re_keyed_ML_DSA_and_a_DKG_making_a_new_key_pass()
    {
        var rekeyed = EpochKey.ToArray();
        rekeyed[0] ^= 1;
        Assert.Null(MlDsaKeyCheck.Refusal(CeremonyKind.Refresh, EpochKeyHex, rekeyed));
        Assert.Null(MlDsaKeyCheck.Refusal(CeremonyKind.Dkg, EpochKeyHex, [1, 2, 3]));
    }

    [Fact]
    public void A_refresh_that_kept_the_ML_DSA_key_or_reported_none_is_refused()
    {
        // a refresh that left the ML-DSA shares alone would leave a stolen node's shares valid (issue 16: refresh re-keys)
        Assert.Contains("did not change during a Refresh", MlDsaKeyCheck.Refusal(CeremonyKind.Refresh, EpochKeyHex, EpochKey), StringComparison.Ordinal);
        Assert.Contains("not re-keyed", MlDsaKeyCheck.Refusal(CeremonyKind.Refresh, EpochKeyHex, null), StringComparison.Ordinal);
    }

    [Fact]
    public void An_epoch_without_an_ML_DSA_key_asks_nothing_of_the_ceremony() =>
        Assert.Null(MlDsaKeyCheck.Refusal(CeremonyKind.Redistribution, null, null));
}

using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Sharing;

/// <summary>
/// The one DKG / refresh / repair / complaint suite, run for every group (frost-core's check_*
/// idea): <see cref="Ed25519DkgSuiteTests"/> and <see cref="P384DkgSuiteTests"/> inherit every case.
/// Random (t, n) come from FsCheck; each case runs whole ceremonies, so counts stay modest.
/// </summary>
public abstract class GroupDkgSuite
{
    private protected abstract IGroupDkgCases Cases { get; }

    [Property(MaxTest = 5)]
    public void Dkg_any_t_public_shares_interpolate_the_group_key_and_fewer_do_not(byte a, byte b, int seed) =>
        Cases.Dkg_any_t_public_shares_interpolate_the_group_key_and_fewer_do_not(a, b, seed);

    [Property(MaxTest = 3)]
    public void A_wrong_share_is_a_complaint_naming_its_dealer_only(byte a, byte b, int seed) =>
        Cases.A_wrong_share_is_a_complaint_naming_its_dealer_only(a, b, seed);

    [Fact]
    public void A_wrong_commitment_is_named_by_every_receiver() => Cases.A_wrong_commitment_is_named_by_every_receiver();

    [Fact]
    public void A_bad_proof_of_knowledge_is_named_by_every_receiver() => Cases.A_bad_proof_of_knowledge_is_named_by_every_receiver();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_judge_names_the_dealer_of_a_bad_share_and_a_false_accuser_otherwise(bool shareIsValid) =>
        Cases.The_judge_names_the_dealer_of_a_bad_share_and_a_false_accuser_otherwise(shareIsValid);

    [Property(MaxTest = 3)]
    public void Refresh_keeps_the_key_changes_every_share_and_old_and_new_do_not_mix(byte a, byte b, int seed) =>
        Cases.Refresh_keeps_the_key_changes_every_share_and_old_and_new_do_not_mix(a, b, seed);

    [Property(MaxTest = 3)]
    public void Repair_by_any_t_helpers_rebuilds_the_lost_share_and_fewer_cannot(byte a, byte b, int seed) =>
        Cases.Repair_by_any_t_helpers_rebuilds_the_lost_share_and_fewer_cannot(a, b, seed);
}

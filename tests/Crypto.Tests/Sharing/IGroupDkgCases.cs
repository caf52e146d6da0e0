namespace CcTsa.Crypto.Tests.Sharing;

/// <summary>The group-independent cases every group's DKG must pass (see <see cref="GroupDkgCases{TGroup, TPoint}"/>).</summary>
internal interface IGroupDkgCases
{
    void Dkg_any_t_public_shares_interpolate_the_group_key_and_fewer_do_not(byte a, byte b, int seed);

    void A_wrong_share_is_a_complaint_naming_its_dealer_only(byte a, byte b, int seed);

    void A_wrong_commitment_is_named_by_every_receiver();

    void A_bad_proof_of_knowledge_is_named_by_every_receiver();

    void The_judge_names_the_dealer_of_a_bad_share_and_a_false_accuser_otherwise(bool shareIsValid);

    void Refresh_keeps_the_key_changes_every_share_and_old_and_new_do_not_mix(byte a, byte b, int seed);

    void Repair_by_any_t_helpers_rebuilds_the_lost_share_and_fewer_cannot(byte a, byte b, int seed);
}

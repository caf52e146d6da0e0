namespace CcTsa.Signer.Coordinator;

/// <summary>
/// What became of a coordinator's presignatures: Made (stocked by finished runs), Taken (named in a
/// signing round: used up whether or not the round then signed), Discarded (dropped unused) and
/// InStock now. Made − Taken − Discarded = InStock.
/// </summary>
public readonly record struct PresignatureCounts(long Made, long Taken, long Discarded, long InStock);

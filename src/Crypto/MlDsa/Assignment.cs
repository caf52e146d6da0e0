namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// Which held subsets each signer of a 3-party signer set adds into its partial secret, so that the
/// three partial secrets partition all 10 subsets with at most 4 per signer (the load the radii
/// assume; a "lowest holder takes it" rule would give one signer 6). The canonical pattern for
/// signer positions 0, 1, 2 and its permutation onto real indices are the reference's
/// (recoverShare, dilithium.go; computed by params/recover.py), kept so signer sets interoperate.
/// </summary>
public static class Assignment
{
    private static readonly byte[][] Canonical = [[25, 11, 19, 13], [7, 14, 22, 26], [28, 21]];

    /// <summary>The subsets party <paramref name="partyIndex"/> adds when signing with <paramref name="signers"/>.</summary>
    public static IReadOnlyList<SubsetMask> For(SignerSet signers, int partyIndex)
    {
        if (!signers.Contains(partyIndex))
            throw new ArgumentException($"Party index {partyIndex} is not in the signer set {signers}.", nameof(partyIndex));
        // perm = signers ascending, then non-signers ascending; a signer's position is its rank.
        var perm = new int[ThresholdParams.N];
        int inSet = 0, outSet = ThresholdParams.T, position = 0;
        for (var j = 0; j < ThresholdParams.N; j++)
        {
            if (j == partyIndex) position = inSet;
            if (signers.Contains(j)) perm[inSet++] = j;
            else perm[outSet++] = j;
        }
        return Canonical[position].Select(u =>
        {
            var mapped = 0;
            for (var b = 0; b < ThresholdParams.N; b++)
                if ((u & (1 << b)) != 0) mapped |= 1 << perm[b];
            return new SubsetMask((byte)mapped);
        }).ToArray();
    }
}

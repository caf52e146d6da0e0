namespace CcTsa.Crypto.Sharing;

/// <summary>
/// Feldman verifiable secret sharing over any prime-order group: the public image of a share, the
/// share check, and the coefficient-wise sum of commitments (which commits to the sum of the
/// polynomials). Commitments and identifiers are public, so evaluation is one variable-time
/// multi-scalar multiplication Σ_k x^k·φ_k.
/// </summary>
internal static class FeldmanVss<TGroup, TPoint>
    where TGroup : IPrimeOrderGroup<TPoint>
    where TPoint : notnull
{
    /// <summary>Σ_k φ_k·x^k = f(x)·G: the public image of participant x's share.</summary>
    public static TPoint Evaluate(IReadOnlyList<TPoint> commitment, ParticipantId x)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        if (commitment.Count == 0) throw new ArgumentException("A commitment has at least one coefficient.", nameof(commitment));
        var xs = new byte[TGroup.ScalarSize];
        TGroup.ScalarFromInt(xs, (ulong)x.Value);
        var powers = new byte[commitment.Count][];
        powers[0] = new byte[TGroup.ScalarSize];
        TGroup.ScalarFromInt(powers[0], 1);
        for (var k = 1; k < powers.Length; k++)
        {
            powers[k] = new byte[TGroup.ScalarSize];
            TGroup.ScalarMul(powers[k], powers[k - 1], xs);
        }
        return TGroup.SumPublic(powers, commitment);
    }

    /// <summary>share·G == Σ_k φ_k·x^k, for a secret share (the base multiplication is constant time).</summary>
    public static bool Verify(ReadOnlySpan<byte> share, ParticipantId x, IReadOnlyList<TPoint> commitment) =>
        TGroup.PointEquals(TGroup.BaseMul(share), Evaluate(commitment, x));

    /// <summary>The coefficient-wise sum of commitments of one degree.</summary>
    public static TPoint[] Sum(IEnumerable<IReadOnlyList<TPoint>> commitments)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        TPoint[]? acc = null;
        foreach (var c in commitments)
        {
            if (acc is null) { acc = [.. c]; continue; }
            if (c.Count != acc.Length) throw new ArgumentException("Commitments of different degrees.", nameof(commitments));
            for (int k = 0; k < acc.Length; k++) acc[k] = TGroup.Add(acc[k], c[k]);
        }
        return acc ?? throw new ArgumentException("No commitments to sum.", nameof(commitments));
    }
}

using System.Collections.Immutable;
using CcTsa.Crypto.Ed25519;

namespace CcTsa.Crypto.Sharing;

/// <summary>
/// A Feldman verifiable-secret-sharing commitment: φ_k = a_k·B for each coefficient of a secret
/// polynomial. The first entry commits to the constant term (the identity for a refresh polynomial,
/// whose constant is zero). Public; sums of commitments give the group's verifying shares.
/// </summary>
public sealed class FeldmanCommitment : IEquatable<FeldmanCommitment>
{
    internal FeldmanCommitment(ImmutableArray<Point> coefficients)
    {
        if (coefficients.IsDefaultOrEmpty) throw new ArgumentException("A commitment has at least one coefficient.", nameof(coefficients));
        Coefficients = coefficients;
    }

    public ImmutableArray<Point> Coefficients { get; }

    /// <summary>The polynomial's degree + 1, i.e. the threshold t it shares for.</summary>
    public int Threshold => Coefficients.Length;

    /// <summary>φ_0: the commitment to the constant term.</summary>
    public Point ConstantTerm => Coefficients[0];

    /// <summary>Σ_k φ_k·x^k = f(x)·B: the public image of participant x's share.</summary>
    public Point Evaluate(ParticipantId x)
    {
        var xs = x.ToScalar();
        var powers = new PublicScalar[Coefficients.Length];
        powers[0] = PublicScalar.FromInt(1);
        for (var k = 1; k < powers.Length; k++) powers[k] = powers[k - 1] * xs;
        // commitments and x are public: one variable-time multi-scalar multiplication
        return Ed25519Group.SumVartime([], powers, Coefficients.AsSpan());
    }

    /// <summary>The coefficient-wise sum: commits to the sum of the polynomials.</summary>
    public static FeldmanCommitment Sum(IEnumerable<FeldmanCommitment> commitments)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        Point[]? acc = null;
        foreach (var c in commitments)
        {
            if (acc is null) { acc = c.Coefficients.ToArray(); continue; }
            if (c.Threshold != acc.Length) throw new ArgumentException("Commitments of different degrees.", nameof(commitments));
            for (int k = 0; k < acc.Length; k++) acc[k] += c.Coefficients[k];
        }
        return acc is null ? throw new ArgumentException("No commitments to sum.", nameof(commitments)) : new FeldmanCommitment([.. acc]);
    }

    public bool Equals(FeldmanCommitment? other) => other is not null && Coefficients.SequenceEqual(other.Coefficients);

    public override bool Equals(object? obj) => Equals(obj as FeldmanCommitment);

    public override int GetHashCode() => Coefficients[0].GetHashCode();

    public override string ToString() => "FeldmanCommitment(" + string.Join(",", Coefficients) + ")";
}

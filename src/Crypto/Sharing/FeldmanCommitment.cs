using System.Collections.Immutable;
using CcTsa.Crypto.Ed25519;

namespace CcTsa.Crypto.Sharing;

/// <summary>
/// A Feldman verifiable-secret-sharing commitment over Ed25519 (the FROST wire and API type; the
/// arithmetic is <see cref="FeldmanVss{TGroup, TPoint}"/>'s): φ_k = a_k·B for each coefficient of a secret
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

    public bool Equals(FeldmanCommitment? other) => other is not null && Coefficients.SequenceEqual(other.Coefficients);

    public override bool Equals(object? obj) => Equals(obj as FeldmanCommitment);

    public override int GetHashCode() => Coefficients[0].GetHashCode();

    public override string ToString() => "FeldmanCommitment(" + string.Join(",", Coefficients) + ")";
}

namespace CcTsa.Crypto.Sharing;

/// <summary>
/// The scalar field Z_q of a prime-order group, on canonical fixed-size encodings, so secret
/// operands can stay in SecretHandle memory and temporaries on the stack (the generic sharing code
/// never lifts a secret into the managed heap). Operations with a secret operand are constant time;
/// <see cref="ScalarInvert"/> is for public values only (Lagrange denominators).
/// </summary>
internal interface IScalarField
{
    /// <summary>The field's name, for errors and domain separation ("Ed25519", "P-384").</summary>
    static abstract string Name { get; }

    /// <summary>Bytes of one canonical scalar encoding.</summary>
    static abstract int ScalarSize { get; }

    static abstract void ScalarAdd(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);

    static abstract void ScalarSub(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);

    static abstract void ScalarMul(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);

    /// <summary>x⁻¹ of a PUBLIC non-zero x (variable time allowed).</summary>
    static abstract void ScalarInvert(Span<byte> z, ReadOnlySpan<byte> x);

    /// <summary>A uniform non-zero scalar from the OS CSPRNG.</summary>
    static abstract void ScalarRandom(Span<byte> z);

    /// <summary>The encoding of a small integer (participant identifiers, powers of them).</summary>
    static abstract void ScalarFromInt(Span<byte> z, ulong value);

    /// <summary>True when <paramref name="s"/> has the right length and encodes a value &lt; q.</summary>
    static abstract bool IsCanonicalScalar(ReadOnlySpan<byte> s);
}

using System.Security.Cryptography;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Dkls23.Mul;

/// <summary>
/// Bob's ephemeral RVOLE state between his two steps: β (pinned, wiped on Dispose), the pads γ and
/// his random multiplicand b (χ_{i,j} in Protocol 3.6). Single use: <see cref="Rvole.BobFinish"/> disposes it.
/// </summary>
public sealed class RvoleBobState : IDisposable
{
    internal RvoleBobState(byte[] sid, byte[] beta, P384Scalar[][] gamma, P384Scalar b)
    {
        Sid = sid;
        Beta = beta;
        Gamma = gamma;
        B = b;
    }

    internal byte[] Sid { get; }

    internal byte[] Beta { get; }

    internal P384Scalar[][] Gamma { get; }

    /// <summary>Bob's random multiplicand b = ⟨g, β⟩.</summary>
    internal P384Scalar B { get; }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(Beta);
        foreach (var row in Gamma) if (row is not null) Array.Clear(row);   // the pads are value types: overwrite them
        Array.Clear(Gamma);
    }

    public override string ToString() => "RvoleBobState([redacted])";
}

using System.Security.Cryptography;
using CcTsa.Crypto.Attestation;

namespace CcTsa.Signer.Platform;

/// <summary>
/// The simulated launch measurement of a signer: SHA-384 of its build (cctsa-signer.dll). A real
/// SEV-SNP guest's measurement comes from the firmware; the simulation stands in with the hash of
/// the code that will hold the share, so a changed build is a changed measurement.
/// </summary>
public static class SignerMeasurement
{
    private static readonly Lazy<Measurement> Current = new(() => Compute(typeof(SignerMeasurement).Assembly.Location));

    public static Measurement Compute(string path)
    {
        using var stream = File.OpenRead(path);
        return Measurement.FromBytes(SHA384.HashData(stream));
    }

    /// <summary>The measurement of the running cctsa-signer assembly.</summary>
    public static Measurement ForCurrentBuild() => Current.Value;
}

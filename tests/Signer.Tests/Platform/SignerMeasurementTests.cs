using System.Security.Cryptography;
using CcTsa.Signer.Platform;

namespace CcTsa.Signer.Tests.Platform;

public sealed class SignerMeasurementTests
{
    [Fact]
    public void ForCurrentBuild_is_SHA384_of_the_signer_assembly()
    {
        var path = typeof(SignerMeasurement).Assembly.Location;
        Assert.EndsWith("cctsa-signer.dll", path, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA384.HashData(File.ReadAllBytes(path))), SignerMeasurement.ForCurrentBuild().ToString());
        Assert.Equal(SignerMeasurement.Compute(path), SignerMeasurement.ForCurrentBuild());
    }
}

using CcTsa.ControlPlane.Cli;
using CcTsa.Signer.Hosting;

namespace CcTsa.ControlPlane.Tests.Architecture;

/// <summary>
/// DESIGN "Layout": Signer and ControlPlane talk only through Contracts messages; the one exception
/// is the embedded host (CcTsa.ControlPlane.Hosting.EmbeddedCluster*) that runs five signers
/// in-process for `cctsa up`. Checked on the compiled IL, so a Signer type used only inside a
/// method body or a lambda is caught too.
/// </summary>
public class ControlPlaneDependencyTests
{
    private const string EmbeddedCluster = "CcTsa.ControlPlane.Hosting.EmbeddedCluster";
    private static readonly string SignerAssembly = typeof(SignerBus).Assembly.GetName().Name!;

    private static bool IsControlPlaneOutsideEmbeddedCluster(string ns) =>
        (ns == "CcTsa.ControlPlane" || ns.StartsWith("CcTsa.ControlPlane.", StringComparison.Ordinal))
        && ns != EmbeddedCluster && !ns.StartsWith(EmbeddedCluster + ".", StringComparison.Ordinal);

    [Fact]
    public void ControlPlane_outside_EmbeddedCluster_uses_no_Signer_type()
    {
        var result = ForbiddenReferenceScanner.Scan(typeof(CctsaCli).Assembly.Location, SignerAssembly, IsControlPlaneOutsideEmbeddedCluster);

        Assert.Contains(typeof(CctsaCli).FullName!, result.CheckedTypes); // the check really ran over ControlPlane
        Assert.Empty(result.Violations);
    }

    [Fact]
    public void Scanner_finds_a_Signer_call_inside_a_lambda_and_a_typeof_token()
    {
        var result = ForbiddenReferenceScanner.Scan(typeof(ControlPlaneDependencyTests).Assembly.Location, SignerAssembly,
            ns => ns == "CcTsa.ControlPlane.Tests.Architecture.Probes");

        Assert.Contains(result.Violations, v => v.StartsWith("CcTsa.ControlPlane.Tests.Architecture.Probes.UsesSignerInLambda+", StringComparison.Ordinal));
        Assert.Contains(result.Violations, v => v.StartsWith("CcTsa.ControlPlane.Tests.Architecture.Probes.UsesSignerViaTypeof: method .ctor", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Violations, v => v.Contains("UsesOnlyContracts", StringComparison.Ordinal));
    }
}

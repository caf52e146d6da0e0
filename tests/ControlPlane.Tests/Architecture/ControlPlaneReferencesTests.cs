using CcTsa.ControlPlane.Hosting;

namespace CcTsa.ControlPlane.Tests.Architecture;

/// <summary>
/// The dependency rule is held by the project references (ControlPlane has none to Signer; only
/// the `cctsa` executable in src/Cli references both). This reads the compiled assembly's
/// references as a cheap second check that nothing slipped in through another route.
/// </summary>
public class ControlPlaneReferencesTests
{
    private static readonly string[] References =
        [.. typeof(ControlPlaneHost).Assembly.GetReferencedAssemblies().Select(a => a.Name!)];

    [Fact]
    public void ControlPlane_is_a_library_that_does_not_reference_the_signer_or_the_cli()
    {
        Assert.Equal("CcTsa.ControlPlane", typeof(ControlPlaneHost).Assembly.GetName().Name);
        Assert.Null(typeof(ControlPlaneHost).Assembly.EntryPoint);
        Assert.DoesNotContain("cctsa-signer", References);
        Assert.DoesNotContain("cctsa", References);
    }

    [Fact]
    public void ControlPlane_reaches_the_bus_through_the_shared_hosting_library()
    {
        Assert.Contains("CcTsa.Hosting", References);
        Assert.Contains("CcTsa.Contracts", References);
    }
}

using CcTsa.Crypto.Ed25519;

namespace CcTsa.Crypto.Tests.Sharing;

/// <summary>The generic DKG / refresh / repair / complaint suite over Ed25519 (FROST's group).</summary>
public sealed class Ed25519DkgSuiteTests : GroupDkgSuite
{
    private protected override IGroupDkgCases Cases { get; } = new GroupDkgCases<Ed25519PrimeOrderGroup, Point>();
}

using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Tests.Sharing;

/// <summary>The generic DKG / refresh / repair / complaint suite over P-384 (DKLs23's group).</summary>
public sealed class P384DkgSuiteTests : GroupDkgSuite
{
    private protected override IGroupDkgCases Cases { get; } = new GroupDkgCases<P384PrimeOrderGroup, P384Point>();
}

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// Fleet tests run one cluster at a time: each node keeps its pre-processed nonces in guarded
/// sodium memory (several mappings each), and several five-node clusters side by side would
/// exhaust the process's memory-mapping limit on small CI machines.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FleetCollection
{
    public const string Name = "fleet";
}

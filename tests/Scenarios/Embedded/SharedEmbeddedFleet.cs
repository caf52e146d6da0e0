namespace CcTsa.Scenarios.Embedded;

/// <summary>
/// One `cctsa up` for the embedded scenarios that only ask it for tokens and read its API
/// (<see cref="SharedEmbeddedFleet.Collection"/>): each start costs three DKGs, certificates and warm
/// presignature stocks (~19 CPU-s on the CI's two cores) and an idle fleet keeps burning CPU, so
/// these classes share one instead of starting one each. A test that kills nodes, restarts or
/// re-keys the fleet must start its own (EmbeddedClusterTests, AlertWebhookTests).
/// </summary>
public sealed class SharedEmbeddedFleet : IAsyncLifetime
{
    public const string Collection = "shared embedded fleet (read-only: stamps tokens, never kills, restarts or re-keys)";

    private readonly string dataDirectory = EmbeddedFixture.NewDataDirectory();
    private EmbeddedFixture? up;

    internal EmbeddedFixture Up => up ?? throw new InvalidOperationException("the shared embedded fleet is used before xunit started it");

    public async Task InitializeAsync() => up = await EmbeddedFixture.StartAsync(dataDirectory);

    public async Task DisposeAsync()
    {
        if (up is not null) await up.DisposeAsync();
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, true);
    }
}

/// <summary>The xunit collection whose classes get <see cref="SharedEmbeddedFleet"/> injected; they run one after another.</summary>
[CollectionDefinition(SharedEmbeddedFleet.Collection)]
public sealed class SharedEmbeddedFleetCollection : ICollectionFixture<SharedEmbeddedFleet>;

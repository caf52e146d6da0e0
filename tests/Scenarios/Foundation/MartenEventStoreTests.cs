using CcTsa.Testing;
using Marten;
using Npgsql;

namespace CcTsa.Scenarios.Foundation;

/// <summary>
/// Marten's event store on a real PostgreSQL: events appended to a stream come back in order with
/// their versions, and a stale expected version is refused. Each run gets its own schema, dropped
/// afterwards. (The project's hash-chained store, EventStore/Marten, has its own conformance suite.)
/// </summary>
public sealed class MartenEventStoreTests : IAsyncLifetime
{
    private readonly string _schema = "foundation_" + Guid.NewGuid().ToString("N")[..12];
    private string _connection = "";
    private DocumentStore? _store;

    private DocumentStore Store => _store ?? throw new InvalidOperationException("store not initialised");

    public async Task InitializeAsync()
    {
        _connection = await TestServices.PostgresAsync();
        _store = DocumentStore.For(o =>
        {
            o.Connection(_connection);
            o.DatabaseSchemaName = _schema;
            o.Events.AddEventType<ParcelRegistered>();
            o.Events.AddEventType<ParcelWeighed>();
            o.Events.AddEventType<ParcelShipped>();
        });
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        _store?.Dispose();
        await using var conn = new NpgsqlConnection(_connection);
        await conn.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", conn);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Appended_events_are_read_back_in_order_with_their_versions()
    {
        var stream = Guid.NewGuid();
        await using (var session = Store.LightweightSession())
        {
            session.Events.StartStream(stream, new ParcelRegistered("P-1", "Lyon"), new ParcelWeighed(1250));
            await session.SaveChangesAsync();
        }
        await using (var session = Store.LightweightSession())
        {
            session.Events.Append(stream, new ParcelShipped("Oslo"));
            await session.SaveChangesAsync();
        }

        await using var query = Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(stream);

        Assert.Equal(new object[] { new ParcelRegistered("P-1", "Lyon"), new ParcelWeighed(1250), new ParcelShipped("Oslo") },
            events.Select(e => e.Data));
        Assert.Equal(new long[] { 1, 2, 3 }, events.Select(e => e.Version));
        Assert.All(events, e => Assert.Equal(stream, e.StreamId));
        Assert.True(events[0].Sequence < events[1].Sequence && events[1].Sequence < events[2].Sequence);
    }

    [Fact]
    public async Task Append_with_a_stale_expected_version_is_refused_and_nothing_is_written()
    {
        var stream = Guid.NewGuid();
        await using (var session = Store.LightweightSession())
        {
            session.Events.StartStream(stream, new ParcelRegistered("P-2", "Graz"), new ParcelWeighed(80));
            await session.SaveChangesAsync();
        }

        await using (var stale = Store.LightweightSession())
        {
            stale.Events.Append(stream, 1, new ParcelShipped("Rome")); // stream is at version 2
            await Assert.ThrowsAnyAsync<JasperFx.ConcurrencyException>(() => stale.SaveChangesAsync());
        }

        await using var query = Store.QuerySession();
        var state = await query.Events.FetchStreamStateAsync(stream);
        Assert.Equal(2, state?.Version);
    }
}

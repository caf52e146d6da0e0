using System.Net;
using System.Text.Json;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Tests.EventStore;

namespace CcTsa.ControlPlane.Tests.Api;

/// <summary>
/// Issue 14 finding 6: /api/tokens?imprint=HEX returned every match (454 entries) and ignored
/// limit. It now pages like /api/events: limit 1..1000 (default 100), "next" is the following "after".
/// </summary>
public sealed class TokensPagingTests : IAsyncLifetime
{
    private const int Stamped = 1050;
    private static readonly string Imprint = new('e', 64);
    private ApiHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ApiHost.StartAsync(seed: () => Enumerable.Range(0, Stamped).Select(i => (object)(SampleEvents.Token(i) with { ImprintHex = Imprint })));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Without_limit_a_page_holds_100_and_names_the_next()
    {
        using var http = _host.Client();
        var (tokens, next) = await PageAsync(http, $"/api/tokens?imprint={Imprint}");
        Assert.Equal(100, tokens.Count);
        Assert.Equal(tokens[^1], next);
        Assert.True(tokens.SequenceEqual(tokens.Order()), "log order");
    }

    [Fact]
    public async Task Following_next_visits_every_token_once_and_ends_with_null()
    {
        using var http = _host.Client();
        var seen = new List<long>();
        long? after = 0;
        var pages = 0;
        while (after is { } a)
        {
            var (tokens, next) = await PageAsync(http, $"/api/tokens?imprint={Imprint.ToUpperInvariant()}&limit=1000&after={a}");
            seen.AddRange(tokens);
            after = next;
            pages++;
        }
        Assert.Equal(2, pages);
        Assert.Equal(Stamped, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("limit=1001")]
    [InlineData("limit=0")]
    [InlineData("after=-1")]
    public async Task A_limit_outside_1_to_1000_or_a_negative_after_is_a_400_problem(string query)
    {
        using var http = _host.Client();
        using var r = await http.GetAsync($"/api/tokens?imprint={Imprint}&{query}");
        await ApiAccessTests.AssertProblemAsync(r, HttpStatusCode.BadRequest, query.Split('=')[0]);
    }

    private static async Task<(IReadOnlyList<long> Sequences, long? Next)> PageAsync(HttpClient http, string path)
    {
        using var r = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        var tokens = doc.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("sequence").GetInt64()).ToList();
        var next = doc.RootElement.GetProperty("next");
        return (tokens, next.ValueKind == JsonValueKind.Number ? next.GetInt64() : null);
    }
}

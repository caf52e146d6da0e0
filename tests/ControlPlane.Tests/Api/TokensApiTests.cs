using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Api;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Tests.EventStore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CcTsa.ControlPlane.Tests.Api;

/// <summary>GET /api/tokens answers from the read model's index, including tokens another writer appended.</summary>
public sealed class TokensApiTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cctsa-tokens-" + Guid.NewGuid().ToString("N"));
    private SqliteEventLog _log = null!;

    public async Task InitializeAsync() => _log = await SqliteEventLog.OpenAsync(_dir);

    [Fact]
    public async Task Serial_and_imprint_are_found_in_any_case_and_with_leading_zeros()
    {
        var tokens = Enumerable.Range(0, 3).Select(i => SampleEvents.Token(i)).ToList();
        await _log.AppendAsync([.. tokens]);
        var live = await LiveProjections.AttachAsync(_log);

        var bySerial = Found(await TokensApi.GetAsync(live, new DefaultHttpContext(), "00" + tokens[1].Serial.ToHex().ToUpperInvariant(), null));
        Assert.Equal((2L, tokens[1].Serial.ToHex(), 1), (Assert.Single(bySerial).Sequence, bySerial[0].Serial, bySerial[0].Epoch));
        var byImprint = Found(await TokensApi.GetAsync(live, new DefaultHttpContext(), null, tokens[2].ImprintHex.ToUpperInvariant()));
        Assert.Equal(tokens[2].Serial.ToHex(), Assert.Single(byImprint).Serial);
        Assert.Empty(Found(await TokensApi.GetAsync(live, new DefaultHttpContext(), "abc", null)));
    }

    [Fact]
    public async Task A_token_another_writer_appended_is_found_by_the_tail_read()
    {
        var live = await LiveProjections.AttachAsync(_log);
        var token = SampleEvents.Token(7);
        // a second writer on the same file: its commits never reach this process's subscription
        await using (var other = await SqliteEventLog.OpenAsync(_dir))
            await other.AppendAsync([token]);
        Assert.Equal(0, live.Current.Tokens.Count);

        var found = Found(await TokensApi.GetAsync(live, new DefaultHttpContext(), token.Serial.ToHex(), null));
        Assert.Equal(token.Serial.ToHex(), Assert.Single(found).Serial);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("ab", "cd")]
    [InlineData("xyz", null)]
    [InlineData("", null)]
    public async Task A_bad_query_is_a_400(string? serial, string? imprint)
    {
        var live = await LiveProjections.AttachAsync(_log);
        var result = await TokensApi.GetAsync(live, new DefaultHttpContext(), serial, imprint);
        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsType<ProblemHttpResult>(result.Result).StatusCode);
    }

    private static IReadOnlyList<TokensApi.TokenView> Found(Results<Ok<TokensApi.TokenPage>, ProblemHttpResult> result) =>
        Assert.IsType<Ok<TokensApi.TokenPage>>(result.Result).Value!.Tokens;

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}

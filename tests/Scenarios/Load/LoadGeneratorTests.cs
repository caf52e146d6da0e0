using CcTsa.Scenarios.Harness;

namespace CcTsa.Scenarios.Load;

/// <summary>
/// The load generator's bookkeeping, against a stub TSA: each request is exactly one of granted
/// (verified or bad), rejected with its reason, or lost; stopping never loses a request.
/// </summary>
public sealed class LoadGeneratorTests
{
    [Fact]
    public async Task Granted_token_is_verified_against_the_ca_and_counted()
    {
        await using var tsa = new StubTsa();
        using var api = new ClusterClient(tsa.BaseUri);
        await using var load = await LoadGenerator.StartAsync(api, new LoadOptions { Concurrency = 0 });

        var outcome = await load.StampOnceAsync();

        Assert.Equal((RequestOutcomeKind.Granted, true, 200), (outcome.Kind, outcome.TokenVerified, outcome.HttpStatus));
        Assert.Equal(1, outcome.Token!.Epoch);
        Assert.Equal((1, 1, 0, 0, 0), Figures(load.Tally()));
    }

    [Fact]
    public async Task Token_over_other_data_counts_as_a_bad_token()
    {
        await using var tsa = new StubTsa { Mode = StubTsaMode.GrantForOtherData };
        using var api = new ClusterClient(tsa.BaseUri);
        await using var load = await LoadGenerator.StartAsync(api, new LoadOptions { Concurrency = 0 });

        var outcome = await load.StampOnceAsync();

        Assert.False(outcome.TokenVerified);
        Assert.Contains("ImprintMismatch", outcome.Reason, StringComparison.Ordinal);
        var tally = load.Tally();
        Assert.Equal((1, 1, 0, 0, 1), Figures(tally));
    }

    [Fact]
    public async Task Http_503_with_a_rejection_reply_is_rejected_with_its_reason()
    {
        await using var tsa = new StubTsa { Mode = StubTsaMode.Reject };
        using var api = new ClusterClient(tsa.BaseUri);
        await using var load = await LoadGenerator.StartAsync(api, new LoadOptions { Concurrency = 0 });

        var outcome = await load.StampOnceAsync();

        Assert.Equal((RequestOutcomeKind.Rejected, "503/TimeNotAvailable"), (outcome.Kind, outcome.Reason));
        Assert.Equal(new Dictionary<string, int> { ["503/TimeNotAvailable"] = 1 }, load.Tally().RejectedByReason);
    }

    [Fact]
    public async Task Answer_without_a_timestamp_reply_and_a_refused_connection_are_lost()
    {
        var tsa = new StubTsa { Mode = StubTsaMode.ServerError };
        using var api = new ClusterClient(tsa.BaseUri);
        await using var load = await LoadGenerator.StartAsync(api, new LoadOptions { Concurrency = 0 });

        var error = await load.StampOnceAsync();
        await tsa.DisposeAsync();
        var refused = await load.StampOnceAsync();

        Assert.Equal((RequestOutcomeKind.Lost, 500), (error.Kind, error.HttpStatus));
        Assert.Equal(RequestOutcomeKind.Lost, refused.Kind);
        Assert.StartsWith("connection", refused.Reason, StringComparison.Ordinal);
        Assert.Equal((2, 0, 0, 2, 0), Figures(load.Tally()));
    }

    [Fact]
    public async Task Stopping_background_load_answers_every_request_it_sent()
    {
        await using var tsa = new StubTsa();
        using var api = new ClusterClient(tsa.BaseUri);
        await using var load = await LoadGenerator.StartAsync(api, new LoadOptions { Concurrency = 3, PauseBetweenRequests = TimeSpan.Zero });
        await load.WaitForGrantsAsync(10, DateTimeOffset.MinValue, TimeSpan.FromSeconds(30));
        tsa.Mode = StubTsaMode.Reject;
        await Eventually.UntilAsync("a rejection", () => Task.FromResult(load.Tally().Rejected > 0), TimeSpan.FromSeconds(30));

        var tally = await load.StopAsync();

        Assert.Equal(tally.Sent, tally.Granted + tally.Rejected + tally.Lost);
        Assert.True(tally.Lost == 0 && tally.BadTokens == 0, $"lost: {string.Join("; ", tally.LostReasons)} bad: {string.Join("; ", tally.BadTokenReasons)}");
        Assert.Equal(tally.Granted, load.Tokens.Select(t => t.SerialHex).Distinct().Count());
    }

    private static (int Sent, int Granted, int Rejected, int Lost, int Bad) Figures(LoadTally t) => (t.Sent, t.Granted, t.Rejected, t.Lost, t.BadTokens);
}

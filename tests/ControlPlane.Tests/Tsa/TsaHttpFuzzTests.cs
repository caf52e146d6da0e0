using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Crypto.Tests.Fuzz;
using Xunit.Abstractions;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>
/// At least 100,000 fuzz inputs (the shared <see cref="MutationFuzzer"/>: mutations of valid
/// requests and structure-aware cases, plus wrong content types and oversize bodies added here)
/// through the real HTTP endpoint with
/// bounded concurrency. Every answer must be a well-formed TimeStampResp with HTTP 200, or 413 /
/// 415 exactly when the body is too large / the content type wrong; never a 500; and the server
/// must still grant a valid request afterwards. Figures go to the test output (docs/SECURITY.md).
/// </summary>
public sealed class TsaHttpFuzzTests(ITestOutputHelper output)
{
    private const int Inputs = 100_000;
    private const int Workers = 16;
    private const int Seed = 20261125;
    private const int MaxBody = 64 * 1024;

    [Fact]
    public async Task Fuzz_100k_inputs_through_http_never_500_always_wellformed_reply_or_413_415()
    {
        await using var host = await TsaTestHost.StartAsync();
        var outcomes = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var fuzzer = new MutationFuzzer(Seed + worker, [TsaTestHost.Policy, TsaTestHost.OtherPolicy]);
            var random = new Random(Seed - worker);
            for (var i = worker; i < Inputs; i += Workers)
            {
                var input = fuzzer.Next();
                var contentType = random.Next(200) == 0 ? WrongContentType(random) : TsaEndpointsQuery;
                if (random.Next(500) == 0)
                    input = new byte[MaxBody + 1 + random.Next(40_000)];
                var verdict = await SendAsync(host, input, contentType);
                outcomes.AddOrUpdate(verdict.Outcome, 1, (_, n) => n + 1);
                if (verdict.Error is { } error)
                    failures.Enqueue($"input #{i} ({input.Length} bytes, {contentType}): {error}; first bytes {Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 48)))}");
            }
        })));
        clock.Stop();

        var total = outcomes.Values.Sum();
        output.WriteLine($"{total} inputs in {clock.Elapsed.TotalSeconds:F1} s = {total / clock.Elapsed.TotalSeconds:F0} inputs/s, {Workers} concurrent clients, seed {Seed}");
        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
            output.WriteLine($"  {outcome}: {count}");

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        Assert.Equal(Inputs, total);
        Assert.True(outcomes.Keys.Any(k => k.EndsWith("granted", StringComparison.Ordinal)), "no fuzz input was granted: the grammar lost its valid cases");

        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);

        // the server is still up and still signs
        using var after = await host.PostAsync(Requests.Valid());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.True(Requests.Read(await after.Content.ReadAsByteArrayAsync()).IsGranted);
    }

    private const string TsaEndpointsQuery = "application/timestamp-query";

    private static string? WrongContentType(Random random) => random.Next(4) switch
    {
        0 => null,
        1 => "application/octet-stream",
        2 => "text/plain",
        _ => "application/timestamp-reply",
    };

    private static async Task<(string Outcome, string? Error)> SendAsync(TsaTestHost host, byte[] input, string? contentType)
    {
        using var content = new ByteArrayContent(input);
        if (contentType is not null)
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await host.Client.PostAsync(new Uri("/tsa", UriKind.Relative), content);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsByteArrayAsync();

        if (contentType != TsaEndpointsQuery)
            return status == 415 ? ("415", null) : ("HTTP " + status, "expected 415 for content type " + (contentType ?? "<none>"));
        if (input.Length > MaxBody)
            return status == 413 ? ("413", null) : ("HTTP " + status, "expected 413 for a body of " + input.Length.ToString(CultureInfo.InvariantCulture) + " bytes");
        if (status != 200)
            return ("HTTP " + status, "expected 200, got " + status.ToString(CultureInfo.InvariantCulture));
        if (response.Content.Headers.ContentType?.MediaType != "application/timestamp-reply")
            return ("bad content type", "reply content type " + response.Content.Headers.ContentType);
        if (!TimeStampResponseReader.TryRead(body, out var reply, out var error))
            return ("malformed reply", "reply does not parse: " + error);
        if (reply.IsGranted)
            return ("granted", null);
        if (reply.Status != 2 || reply.FailInfo is null || string.IsNullOrEmpty(reply.StatusText))
            return ("odd rejection", "rejection without failInfo or status text");
        return ("rejection " + reply.FailInfo, null);
    }
}

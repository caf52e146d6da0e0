using System.Diagnostics;
using System.Net.Http.Headers;
using System.Numerics;
using System.Security.Cryptography;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Cli.Bench;

/// <summary>
/// Closed-loop load on POST /tsa: <c>concurrency</c> workers, each sending its next
/// TimeStampReq (fresh SHA-256 imprint and nonce, the chosen policy, certReq) as soon as the
/// previous reply arrived, over one keep-alive connection pool, for a fixed time. Counts granted
/// tokens and errors by reason, records each granted request's latency and verifies a sample.
/// </summary>
public sealed class LoadGenerator(HttpClient http, Uri tsa, TsaPolicy policy, SampleVerifier verifier)
{
    private static readonly MediaTypeHeaderValue QueryType = new("application/timestamp-query");

    /// <summary>Runs for <paramref name="duration"/>; <paramref name="progress"/> gets (elapsed, granted, errors) about twice a second.</summary>
    public async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, Action<TimeSpan, long, long>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var shared = new Counters();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkAsync(shared, clock, duration, ct), ct)).ToArray();
        var all = Task.WhenAll(workers);
        while (!all.IsCompleted)
        {
            await Task.WhenAny(all, Task.Delay(500, ct)).ConfigureAwait(false);
            progress?.Invoke(clock.Elapsed, Interlocked.Read(ref shared.Granted), Interlocked.Read(ref shared.Errors));
        }
        var results = await all.ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var errors = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, count) in results.SelectMany(r => r.Errors))
            errors[reason] = errors.GetValueOrDefault(reason) + count;
        var latency = LatencySummary.From(results.SelectMany(r => r.Latencies).ToArray());
        return new LoadResult(concurrency, elapsed, results.Sum(r => (long)r.Latencies.Count), errors, latency, results.Sum(r => r.Verified), cpu);
    }

    private async Task<Worker> WorkAsync(Counters shared, Stopwatch clock, TimeSpan duration, CancellationToken ct)
    {
        var mine = new Worker();
        var digest = new byte[32];
        var nonce = new byte[8];
        while (clock.Elapsed < duration)
        {
            ct.ThrowIfCancellationRequested();
            RandomNumberGenerator.Fill(digest);
            RandomNumberGenerator.Fill(nonce);
            nonce[0] &= 0x7F;
            var request = TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, digest, policy.Oid, new BigInteger(nonce, isUnsigned: true, isBigEndian: true), certReq: true);
            var started = Stopwatch.GetTimestamp();
            var reason = await SendAsync(request, digest, shared, mine, started, ct).ConfigureAwait(false);
            if (reason is null) continue;
            mine.Errors[reason] = mine.Errors.GetValueOrDefault(reason) + 1;
            Interlocked.Increment(ref shared.Errors);
        }
        return mine;
    }

    private async Task<string?> SendAsync(byte[] request, byte[] digest, Counters shared, Worker mine, long started, CancellationToken ct)
    {
        byte[] body;
        int status;
        try
        {
            using var content = new ByteArrayContent(request);
            content.Headers.ContentType = QueryType;
            using var response = await http.PostAsync(tsa, content, ct).ConfigureAwait(false);
            body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            return "transport: " + (e.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return "transport: timeout after " + http.Timeout.TotalSeconds + " s";
        }
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (ResponseOutcome.ErrorReason(status, body, out var token) is { } reason) return reason;
        var index = Interlocked.Increment(ref shared.Granted) - 1;
        if (verifier.ShouldVerify(index))
        {
            mine.Verified++;
            if (verifier.Check(token!.Value, digest) is { } invalid)
            {
                Interlocked.Decrement(ref shared.Granted);
                return invalid;
            }
        }
        mine.Latencies.Add(elapsedMs);
        return null;
    }

    private sealed class Counters
    {
        public long Granted;
        public long Errors;
    }

    private sealed class Worker
    {
        public List<double> Latencies { get; } = new(4096);
        public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);
        public long Verified { get; set; }
    }
}

using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Numerics;
using System.Security.Cryptography;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Scenarios.Harness;

namespace CcTsa.Scenarios.Load;

/// <summary>
/// Bounded loopback load against POST /tsa while a scenario runs. Each request stamps fresh random
/// data (SHA-256 imprint, random nonce, certReq so the token carries its epoch's certificate); each
/// answer is classified once (see <see cref="LoadTally"/>) and every granted token is verified
/// against the data and /certs/ca.pem with the project's RFC 3161 TokenVerifier, nonce included.
/// Stopping lets in-flight requests finish, so stopping never manufactures a lost request.
/// </summary>
public sealed class LoadGenerator : IAsyncDisposable
{
    private static readonly MediaTypeHeaderValue QueryType = new("application/timestamp-query");
    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _targets;
    private int _next;
    private readonly TokenVerificationOptions _trust;
    private readonly LoadOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<IssuedToken> _tokens = new();
    private readonly ConcurrentQueue<(DateTimeOffset At, string Reason)> _rejections = new();
    private readonly ConcurrentDictionary<string, int> _reasons = new();
    private readonly ConcurrentQueue<string> _lostReasons = new();
    private readonly ConcurrentQueue<string> _badReasons = new();
    private readonly List<Task> _workers = [];
    private TaskCompletionSource _running = Completed();
    private readonly ConcurrentDictionary<string, int> _grantedByPolicy = new();
    private int _sent, _granted, _rejected, _lost, _bad, _inFlight;
    private readonly ConcurrentDictionary<int, DateTimeOffset> _sentAtInFlight = new();

    private LoadGenerator(Uri baseUri, byte[] caDer, LoadOptions options)
    {
        _options = options;
        _trust = new TokenVerificationOptions(caDer);
        _targets = [baseUri, .. options.AlsoAt];
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    public IReadOnlyList<IssuedToken> Tokens => [.. _tokens];

    public IReadOnlyList<(DateTimeOffset At, string Reason)> Rejections => [.. _rejections];

    public ReadOnlyMemory<byte> CaDer => _trust.CaCertificateDer;

    /// <summary>The bounds and policy shares this load runs with.</summary>
    public LoadOptions Options => _options;

    /// <summary>Verified tokens granted for requests that asked for the policy <paramref name="oid"/> (<see cref="LoadOptions.HybridShare"/>, <see cref="LoadOptions.MlDsaShare"/>).</summary>
    public int GrantedFor(string oid) => _grantedByPolicy.GetValueOrDefault(oid);

    /// <summary>Fetches the CA certificate, then starts the workers.</summary>
    public static async Task<LoadGenerator> StartAsync(ClusterClient api, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var pem = await api.CaPemAsync().ConfigureAwait(false);
        if (!Pem.TryDecode(pem, Pem.Certificate, out var caDer))
            throw new InvalidOperationException("/certs/ca.pem is not a PEM certificate: " + pem[..Math.Min(pem.Length, 80)]);
        var load = new LoadGenerator(api.BaseUri, caDer, options ?? new LoadOptions());
        for (var i = 0; i < load._options.Concurrency; i++)
            load._workers.Add(Task.Run(load.WorkAsync));
        return load;
    }

    public LoadTally Tally() => new(
        Volatile.Read(ref _sent), Volatile.Read(ref _granted), Volatile.Read(ref _rejected),
        _reasons.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Value),
        Volatile.Read(ref _lost), [.. _lostReasons.Take(20)], Volatile.Read(ref _bad), [.. _badReasons.Take(20)]);

    /// <summary>One request outside the background workers (still counted), for "is signing possible now?".</summary>
    public Task<RequestOutcome> StampOnceAsync() => SendOneAsync();

    /// <summary>One request under <paramref name="policy"/> outside the background workers (still counted and verified).</summary>
    public Task<RequestOutcome> StampOnceAsync(TsaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return SendOneAsync(policy);
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> verified tokens were granted under <paramref name="policy"/> for requests sent after <paramref name="since"/>.</summary>
    public Task WaitForGrantsAsync(TsaPolicy policy, int count, DateTimeOffset since, TimeSpan deadline, Func<string>? diagnostics = null) =>
        Eventually.UntilAsync($"{count} {policy.Name} tokens granted for requests sent after {since:HH:mm:ss.fff}",
            () => Task.FromResult(_tokens.Count(t => t.PolicyOid == policy.Oid && t.SentAt >= since) >= count), deadline,
            () => $"load so far: {Tally()}; lost: {string.Join("; ", _lostReasons)}\n{diagnostics?.Invoke()}");

    /// <summary>Waits (bounded) until <paramref name="count"/> tokens were granted for requests sent after <paramref name="since"/>.</summary>
    public Task WaitForGrantsAsync(int count, DateTimeOffset since, TimeSpan deadline, Func<string>? diagnostics = null) =>
        Eventually.UntilAsync($"{count} tokens granted for requests sent after {since:HH:mm:ss.fff}",
            () => Task.FromResult(_tokens.Count(t => t.SentAt >= since) >= count), deadline,
            () => $"load so far: {Tally()}; lost: {string.Join("; ", _lostReasons)}\n{diagnostics?.Invoke()}");

    /// <summary>
    /// Waits (bounded) until no request sent at or before <paramref name="cutoff"/> is still in flight, so a
    /// window read after it holds all of them — the slowest ones included, which a wait for some later grant missed.
    /// </summary>
    public Task WaitForAnsweredAsync(DateTimeOffset cutoff, TimeSpan deadline, Func<string>? diagnostics = null) =>
        Eventually.UntilAsync($"every request sent by {cutoff:HH:mm:ss.fff} answered",
            () => Task.FromResult(!_sentAtInFlight.Values.Any(s => s <= cutoff)), deadline,
            () => $"load so far: {Tally()}; lost: {string.Join("; ", _lostReasons)}\n{diagnostics?.Invoke()}");

    /// <summary>Holds new requests and waits for the in-flight ones to be answered (e.g. before a deliberate control-plane kill).</summary>
    public async Task PauseAsync()
    {
        Interlocked.Exchange(ref _running, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await Eventually.UntilAsync("in-flight load requests to be answered", () => Task.FromResult(Volatile.Read(ref _inFlight) == 0), _options.RequestTimeout * 2).ConfigureAwait(false);
    }

    public void Resume() => Volatile.Read(ref _running).TrySetResult();

    /// <summary>Stops sending, lets in-flight requests finish, returns the final tally.</summary>
    public async Task<LoadTally> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Resume();
        await Task.WhenAll(_workers).ConfigureAwait(false);
        return Tally();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        _http.Dispose();
    }

    private async Task WorkAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await Volatile.Read(ref _running).Task.ConfigureAwait(false);
            if (_stop.IsCancellationRequested) break;
            await SendOneAsync().ConfigureAwait(false);
            try
            {
                await Task.Delay(_options.PauseBetweenRequests, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<RequestOutcome> SendOneAsync(TsaPolicy? asked = null)
    {
        var data = RandomNumberGenerator.GetBytes(48);
        var nonce = new BigInteger(RandomNumberGenerator.GetBytes(8), isUnsigned: true) >> 1;
        var n = Interlocked.Increment(ref _sent);
        var policy = asked ?? PolicyOf(n);
        var request = TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, SHA256.HashData(data), policy?.Oid, nonce, certReq: true);
        Interlocked.Increment(ref _inFlight);
        var sentAt = DateTimeOffset.UtcNow;
        _sentAtInFlight[n] = sentAt;
        try
        {
            var outcome = await ExchangeAsync(request, data, nonce, policy, sentAt).ConfigureAwait(false);
            Count(outcome);
            if (policy is not null && outcome.TokenVerified) _grantedByPolicy.AddOrUpdate(policy.Oid, 1, (_, n) => n + 1);
            return outcome;
        }
        finally
        {
            _sentAtInFlight.TryRemove(n, out _);
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>
    /// The policy request <paramref name="n"/> (1-based) asks for: null (the TSA's default) or, spread
    /// evenly, `hybrid` and `ml-dsa-65` at their shares — request n takes a policy when n × share
    /// crosses a whole number.
    /// </summary>
    private TsaPolicy? PolicyOf(int n)
    {
        static bool Takes(int n, double share) => share > 0 && Math.Floor(n * share) > Math.Floor((n - 1) * share);
        return Takes(n, _options.HybridShare) ? TsaPolicies.Hybrid : Takes(n, _options.MlDsaShare) ? TsaPolicies.MlDsa65 : null;
    }

    /// <summary>How a rejection of a request that asked for a policy is told apart from one under the default.</summary>
    private static string Prefix(TsaPolicy? policy) => policy is null ? "" : policy.Name + " ";

    /// <summary>Null when a valid token asked for under <paramref name="policy"/> carries that policy, and a hybrid one a valid post-quantum signature too.</summary>
    private static string? PolicyProblem(TokenVerdict verdict, TsaPolicy policy) =>
        verdict.Details!.TstInfo.Policy != policy.Oid ? $"{policy.Name} request: token under policy {verdict.Details.TstInfo.Policy}"
        : policy.IsHybrid && verdict.PostQuantum is not { IsValid: true } ? $"hybrid request: post-quantum signature {verdict.PostQuantum?.Failure} {verdict.PostQuantum?.Reason}"
        : policy == TsaPolicies.MlDsa65 && verdict.Details.Algorithm != TokenSignatureAlgorithm.MlDsa65 ? $"ml-dsa-65 request: token signed with {verdict.Details.Algorithm}"
        : null;

    private async Task<RequestOutcome> ExchangeAsync(byte[] request, byte[] data, BigInteger nonce, TsaPolicy? policy, DateTimeOffset sentAt)
    {
        byte[] body;
        int status;
        var first = Interlocked.Increment(ref _next);
        var attempt = 0;
        while (true)
        {
            var target = _targets[(int)((uint)(first + attempt) % (uint)_targets.Count)];
            try
            {
                using var timeout = new CancellationTokenSource(_options.RequestTimeout);
                using var content = new ByteArrayContent(request);
                content.Headers.ContentType = QueryType;
                using var response = await _http.PostAsync(new Uri(target, "/tsa"), content, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                break;
            }
            catch (HttpRequestException e)
            {
                // the instance is gone (refused, reset mid-answer): the next one gets the same request
                if (++attempt < _targets.Count) continue;
                return new(RequestOutcomeKind.Lost, 0, "connection: " + e.HttpRequestError, null, false);
            }
            catch (OperationCanceledException)
            {
                return new(RequestOutcomeKind.Lost, 0, $"no answer within {_options.RequestTimeout.TotalSeconds:0}s", null, false);
            }
        }

        if (!TimeStampResponseReader.TryRead(body, out var reply, out var error))
            return new(RequestOutcomeKind.Lost, status, $"HTTP {status} without a TimeStampResp ({error})", null, false);
        if (!reply.IsGranted)
            return new(RequestOutcomeKind.Rejected, status, $"{Prefix(policy)}{status}/{reply.FailInfo?.ToString() ?? "status" + reply.Status}", null, false);

        var receivedAt = DateTimeOffset.UtcNow;
        var verdict = TokenVerifier.Verify(body, data, _trust);
        var details = verdict.Details?.TstInfo;
        var token = new IssuedToken(details?.Serial.ToHex() ?? "?", verdict.Details?.Epoch?.Number, details?.GenTime ?? default, sentAt, receivedAt, [.. body], [.. data], policy?.Oid);
        if (!verdict.IsValid)
            return new(RequestOutcomeKind.Granted, status, $"token invalid: {verdict.Failure} {verdict.Reason}", token, false);
        if (details?.Nonce is not { } echoed || new BigInteger(echoed.AsSpan(), isUnsigned: false, isBigEndian: true) != nonce)
            return new(RequestOutcomeKind.Granted, status, "token nonce does not echo the request's", token, false);
        if (policy is not null && PolicyProblem(verdict, policy) is { } problem)
            return new(RequestOutcomeKind.Granted, status, problem, token, false);
        if (status != 200)
            return new(RequestOutcomeKind.Granted, status, $"granted token with HTTP {status}", token, false);
        return new(RequestOutcomeKind.Granted, status, "granted", token, true);
    }

    private void Count(RequestOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case RequestOutcomeKind.Granted:
                Interlocked.Increment(ref _granted);
                _tokens.Enqueue(outcome.Token!);
                if (!outcome.TokenVerified)
                {
                    Interlocked.Increment(ref _bad);
                    _badReasons.Enqueue(outcome.Reason);
                }
                break;
            case RequestOutcomeKind.Rejected:
                Interlocked.Increment(ref _rejected);
                _reasons.AddOrUpdate(outcome.Reason, 1, (_, n) => n + 1);
                _rejections.Enqueue((DateTimeOffset.UtcNow, outcome.Reason));
                break;
            default:
                Interlocked.Increment(ref _lost);
                _lostReasons.Enqueue(outcome.Reason);
                break;
        }
    }

    private static TaskCompletionSource Completed()
    {
        var t = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        t.SetResult();
        return t;
    }
}

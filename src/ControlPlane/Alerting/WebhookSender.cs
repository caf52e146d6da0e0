using System.Globalization;
using System.Net.Http.Headers;
using CcTsa.Contracts.Events.Alerting;

namespace CcTsa.ControlPlane.Alerting;

/// <summary>
/// Delivers one notice to one webhook: POST application/json, retried with exponential backoff
/// (<see cref="AlertDeliveryOptions"/>) until a 2xx answer or the last attempt. Every outcome —
/// the delivery, each failed attempt — is handed to <c>record</c> as an audit event. Failure
/// reasons name the status or the kind of network error, never the URL (its path may be a secret).
/// </summary>
public sealed class WebhookSender(AlertDeliveryOptions options, TimeProvider time) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    // no overall timeout: each attempt has its own (AttemptTimeout), retries are this class's job
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>True once delivered; false after the last failed attempt.</summary>
    public async Task<bool> DeliverAsync(AlertNotice notice, WebhookTarget target, Func<object, CancellationToken, Task> record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(record);
        var body = AlertPayload.Serialize(notice, target.Format);
        for (var attempt = 1; ; attempt++)
        {
            var (status, failure) = await AttemptAsync(target, body, ct).ConfigureAwait(false);
            if (failure is null)
            {
                await record(new AlertDelivered(notice.Key, target.Name, notice.Level, notice.Subject, attempt, status, time.GetUtcNow()), ct).ConfigureAwait(false);
                return true;
            }
            var gaveUp = attempt >= options.MaxAttempts;
            await record(new AlertDeliveryFailed(notice.Key, target.Name, notice.Level, notice.Subject, attempt, gaveUp, failure, time.GetUtcNow()), ct).ConfigureAwait(false);
            if (gaveUp) return false;
            await Task.Delay(options.DelayAfter(attempt), time, ct).ConfigureAwait(false);
        }
    }

    private async Task<(int Status, string? Failure)> AttemptAsync(WebhookTarget target, byte[] body, CancellationToken ct)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(options.AttemptTimeout);
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var response = await _http.PostAsync(target.Url, content, attempt.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (status, null) : (status, string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}"));
        }
        catch (HttpRequestException e)
        {
            return (0, $"no HTTP answer ({e.HttpRequestError})");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (0, string.Create(CultureInfo.InvariantCulture, $"no answer within {options.AttemptTimeout.TotalSeconds:0.#} s"));
        }
    }

    public void Dispose() => _http.Dispose();
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Tests.Alerting;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel, free port) that keeps every body POSTed to
/// /hook/{anything}; the first <c>failFirst</c> requests are answered 503, as a receiver that is down.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<JsonElement> _bodies = [];
    private int _failuresLeft;
    private int _requests;

    private WebhookReceiver(WebApplication app, int failFirst)
    {
        _app = app;
        _failuresLeft = failFirst;
    }

    /// <summary>Every request received, failed ones included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The bodies answered 200, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Delivered
    {
        get
        {
            lock (_bodies) return [.. _bodies];
        }
    }

    public Uri Hook(string secretPath) => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook/" + secretPath);

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, failFirst);
        app.MapPost("/hook/{**rest}", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _requests);
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0) return Results.StatusCode(503);
        lock (_bodies) _bodies.Add(body);
        return Results.Ok();
    }
}

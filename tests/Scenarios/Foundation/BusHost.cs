using CcTsa.Contracts.Hosting;
using CcTsa.Hosting;
using CcTsa.Signer.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CcTsa.Scenarios.Foundation;

/// <summary>
/// A started generic host around one bus, built exactly as the executables build theirs
/// (BusSetup for the control plane, SignerBus over BusSetup for a signer). Queues are temporary and prefixed
/// per run, so parallel or repeated runs on one broker never see each other's messages.
/// </summary>
public sealed class BusHost : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly IHost _host;

    private BusHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static Task<BusHost> ControlPlaneAsync(Uri? amqp, Action<IBusRegistrationConfigurator> register, Action<IServiceCollection>? services = null) =>
        StartAsync(s => s.AddCctsaBus(Options(amqp, "cp"), register), services);

    public static Task<BusHost> SignerAsync(Uri amqp, string node, Action<IBusRegistrationConfigurator> register, Action<IServiceCollection>? services = null) =>
        StartAsync(s => s.AddSignerBus(Options(amqp, node), register), services);

    public IRequestClient<T> Client<T>() where T : class => _host.Services.GetRequiredService<IRequestClient<T>>();

    public IPublishEndpoint Publisher => _host.Services.GetRequiredService<IPublishEndpoint>();

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(Bound);
        await _host.StopAsync(cts.Token);
        _host.Dispose();
    }

    private static BusOptions Options(Uri? amqp, string role) => new(amqp)
    {
        EndpointPrefix = $"{role}-{Guid.NewGuid():N}"[..(role.Length + 9)],
        TemporaryEndpoints = true,
        StartTimeout = Bound,
    };

    private static async Task<BusHost> StartAsync(Action<IServiceCollection> bus, Action<IServiceCollection>? services)
    {
        var builder = Host.CreateApplicationBuilder();
        bus(builder.Services);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        using var cts = new CancellationTokenSource(Bound);
        await host.StartAsync(cts.Token); // WaitUntilStarted: returns once the broker topology exists
        return new BusHost(host);
    }
}

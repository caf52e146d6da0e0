using CcTsa.Contracts.Hosting;
using CcTsa.Signer.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CcTsa.ControlPlane.Tests.Architecture.Probes;

/// <summary>Positive control: a Signer call hidden in a lambda body (a compiler-generated closure type).</summary>
public static class UsesSignerInLambda
{
    public static Func<IServiceCollection, IServiceCollection> Register(BusOptions options) =>
        services => services.AddSignerBus(options, _ => { });
}

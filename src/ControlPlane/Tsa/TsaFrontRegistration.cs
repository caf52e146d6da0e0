using CcTsa.ControlPlane.Pki;
using CcTsa.Crypto.Rfc3161;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// Registration of the TSA front and its PKI. The caller (the control-plane composition) also
/// registers the ports: <see cref="ISigningGateway"/>, <see cref="IIssuanceJournal"/>,
/// <see cref="IThresholdSigner"/> and <see cref="ICertificateJournal"/>; then maps the routes with
/// <see cref="TsaEndpoints.MapTsa"/> and adds the consumers with <see cref="AddTsaConsumers"/>.
/// </summary>
public static class TsaFrontRegistration
{
    public static IServiceCollection AddTsaFront(this IServiceCollection services, TsaPolicySet policies, PkiOptions pki, Action<TsaFrontOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(pki);
        var options = new TsaFrontOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(policies);
        services.AddSingleton<IssuanceService>();
        services.TryAddSingleton<AuditChainStatus>();
        services.AddSingleton<TimestampFront>();
        if (pki.TsaPolicies.IsDefaultOrEmpty) pki.TsaPolicies = policies.Offered;
        services.AddSingleton(pki);
        services.AddSingleton(new PkiLayout(pki.DataDirectory));
        services.AddSingleton<CaStore>();
        services.AddSingleton<CertificateInstaller>();
        services.AddSingleton<CertificateService>();
        return services;
    }

    public static IBusRegistrationConfigurator AddTsaConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<TimestampRequestedConsumer, TimestampRequestedConsumerDefinition>();
        bus.AddConsumer<TimestampBatchRequestedConsumer, TimestampBatchRequestedConsumerDefinition>();
        return bus;
    }
}

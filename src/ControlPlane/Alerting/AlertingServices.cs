using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Leadership;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Alerting;

/// <summary>Registers the notifier when <c>--alert-webhook</c> named at least one receiver; without one, nothing is called.</summary>
public static class AlertingServices
{
    public static IServiceCollection AddAlerting(this IServiceCollection services, IReadOnlyList<WebhookTarget> targets, AlertDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0) return services;
        services.AddSingleton(sp => new WebhookSender(options, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService(sp => new AlertNotifier(
            sp.GetRequiredService<LiveProjections>(), sp.GetRequiredService<IEventLog>(), sp.GetRequiredService<ILeadership>(),
            targets, sp.GetRequiredService<WebhookSender>(), sp.GetRequiredService<ILogger<AlertNotifier>>()));
        return services;
    }
}

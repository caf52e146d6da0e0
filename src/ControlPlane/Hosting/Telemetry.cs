using System.Diagnostics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CcTsa.ControlPlane.Hosting;

/// <summary>
/// OpenTelemetry traces: ASP.NET Core requests, MassTransit messages and the control plane's own
/// spans (source "CcTsa.ControlPlane"). Exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is
/// set; otherwise spans are still created (and correlate logs) but not shipped. Tags carry ids only.
/// </summary>
public static class Telemetry
{
    public const string SourceName = "CcTsa.ControlPlane";

    public static readonly ActivitySource Source = new(SourceName);

    public static IServiceCollection AddCctsaTelemetry(this IServiceCollection services)
    {
        var otlp = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("cctsa"))
            .WithTracing(t =>
            {
                t.AddSource(SourceName).AddSource("MassTransit").AddAspNetCoreInstrumentation();
                if (!string.IsNullOrEmpty(otlp)) t.AddOtlpExporter();
            });
        return services;
    }
}

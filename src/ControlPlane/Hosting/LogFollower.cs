using CcTsa.ControlPlane.Fleet;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Hosting;

/// <summary>
/// Keeps this instance's read model on the shared log's head: what another control plane appended
/// (its issuance, the leader's incidents, epochs, certificates) reaches this instance's APIs,
/// readiness and signing within one period. A lone control plane reads nothing new here: its own
/// appends are applied as they commit.
/// </summary>
public sealed class LogFollower(FleetState state, TimeProvider time, ILogger<LogFollower> logger) : BackgroundService
{
    /// <summary>How far behind the other writers this instance's read model may fall.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await state.CatchUpAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // the store is slow or away (an Npgsql or store error): the next tick reads again and
                // readiness reports the store; a failed read must not stop the host
                ControlPlaneLog.BackgroundFailed(logger, "following the shared log", e);
            }
        }
    }
}

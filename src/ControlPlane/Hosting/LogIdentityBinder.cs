using CcTsa.ControlPlane.EventStore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Hosting;

/// <summary>
/// Started over an empty log, the data folder cannot be bound yet: this writes
/// <see cref="LogIdentity.FileName"/> as soon as the log has its first event, then ends.
/// </summary>
public sealed class LogIdentityBinder(IEventLog log, HostSettings settings, TimeProvider time, ILogger<LogIdentityBinder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        do
        {
            try
            {
                var check = await LogIdentity.BindAsync(log, settings.DataDirectory, stoppingToken).ConfigureAwait(false);
                if (check.Status == LogIdentityStatus.Mismatch)
                {
                    ControlPlaneLog.LogIdentityMismatch(logger, check.Message);
                    return;
                }
                if (check.Status != LogIdentityStatus.Pending)
                    return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or EventStoreException)
            {
                // the store or the folder is busy: tried again on the next tick
                ControlPlaneLog.BackgroundFailed(logger, "binding the data folder to the log", e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}

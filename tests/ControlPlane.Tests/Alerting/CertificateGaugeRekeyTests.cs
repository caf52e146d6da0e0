using CcTsa.ControlPlane.Alerting;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Events.Pki;
using CcTsa.Contracts.Ids;
using Prometheus;

namespace CcTsa.ControlPlane.Tests.Alerting;

/// <summary>
/// Issue 16: a refresh re-keys ML-DSA-65 and the epoch gets a second ML-DSA-65 certificate. The
/// certificate-expiry gauge keeps one label per scheme — the replacing certificate's — instead of
/// failing the append that records it (it did: two unrevoked certificates of one scheme made a
/// duplicate label, and the refresh step never got its new PQ certificate recorded).
/// </summary>
[Collection(CcTsa.ControlPlane.Tests.Audit.ProcessMetricsCollection.Name)]
public sealed class CertificateGaugeRekeyTests
{
    [Fact]
    public async Task A_second_ML_DSA_certificate_of_the_epoch_relabels_the_gauge_and_the_append_succeeds()
    {
        var dir = Directory.CreateTempSubdirectory("cctsa-gauge-rekey-").FullName;
        try
        {
            await using var log = await SqliteEventLog.OpenAsync(dir);
            var live = await LiveProjections.AttachAsync(log);
            _ = new AlertingGauges(live, new FleetState(log), new FleetOptions(), new LogHeadOptions(TimeSpan.Zero));
            var at = DateTimeOffset.UtcNow;
            var first = at.AddDays(100);
            var second = at.AddDays(365);
            await log.AppendAsync([
                new KeyEpochActivated(new KeyEpoch(1), CeremonyRunner.Scheme, "ab", [NodeId.FromIndex(1)], CeremonyId.New(), at),
                new CertificateIssued(new KeyEpoch(1), "frost-ed25519", "01", "CN=a", "aa", "", at, second),
                new CertificateIssued(new KeyEpoch(1), "ml-dsa-65", "03", "CN=b", "bb", "", at, first),
            ]);

            await log.AppendAsync([new CertificateIssued(new KeyEpoch(1), "ml-dsa-65", "04", "CN=c", "cc", "", at, second)]);

            Assert.True(live.Current.Certificates.BySerial["03"].Replaced);
            using var exported = new MemoryStream();
            await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(exported);
            var text = System.Text.Encoding.UTF8.GetString(exported.ToArray());
            var value = second.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($"cctsa_certificate_not_after_timestamp_seconds{{scheme=\"ml-dsa-65\",epoch=\"1\"}} {value}\n", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

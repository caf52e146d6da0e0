using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Events.Cluster;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Events.Pki;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Tests.EventStore;

/// <summary>A small cluster history touching every event type: DKG, tokens, a lost node, drift, an incident.</summary>
internal static class SampleEvents
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly string[] Providers = ["aws", "aws", "azure", "azure", "gcp"];

    public static NodeId N(int i) => NodeId.FromIndex(i);

    public static IReadOnlyList<NodeId> All => [N(1), N(2), N(3), N(4), N(5)];

    public static NodeAttested Attested(int i) => new(N(i), Providers[i - 1], new string('a', 96), "c1" + i, T0.AddSeconds(i));

    public static TokenIssued Token(int i, int epoch = 1, string policy = "1.3.6.1.4.1.99999.1") =>
        new(SerialNumber.NewRandom(), T0.AddMinutes(1).AddMilliseconds(i), policy, "sha256", i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture),
            new KeyEpoch(epoch), [N(1), N(2), N(3)], new string('b', 64));

    public static IReadOnlyList<object> Scenario()
    {
        var dkg = new CeremonyId(new Guid("11111111-1111-1111-1111-111111111111"));
        var redis = new CeremonyId(new Guid("22222222-2222-2222-2222-222222222222"));
        var incident = new IncidentId(new Guid("33333333-3333-3333-3333-333333333333"));
        var e1 = new KeyEpoch(1);
        var list = new List<object>();
        for (var i = 1; i <= 5; i++) list.Add(new NodeStarted(N(i), Providers[i - 1], T0));
        for (var i = 1; i <= 5; i++) list.Add(Attested(i));
        list.Add(new AttestationRejected(N(6), "gcp", new string('f', 96), "debug policy enabled", T0.AddSeconds(7)));
        list.Add(new CeremonyStarted(dkg, CeremonyKind.Dkg, e1, All, "initial key", T0.AddSeconds(10)));
        for (var i = 1; i <= 5; i++) list.Add(new ShareDistributed(dkg, N(i), e1, [], "vs" + i, T0.AddSeconds(11)));
        list.Add(new CeremonyCompleted(dkg, CeremonyKind.Dkg, e1, "abcd", T0.AddSeconds(12)));
        list.Add(new KeyEpochActivated(e1, "frost-ed25519", "abcd", All, dkg, T0.AddSeconds(13)));
        list.Add(new CertificateIssued(e1, "frost-ed25519", "0a", "CN=cctsa", new string('c', 64), new string('a', 96), T0, T0.AddYears(1)));
        list.Add(new ClusterStateChanged(ClusterState.Unavailable, ClusterState.Healthy, AlertLevel.None, 5, 5, "DKG done", T0.AddSeconds(14)));
        for (var i = 0; i < 4; i++) list.Add(Token(i));
        list.Add(new NodeLost(N(4), "host gone", T0.AddMinutes(2)));
        list.Add(new ClusterStateChanged(ClusterState.Healthy, ClusterState.Degraded, AlertLevel.Warning, 4, 4, "n4 lost", T0.AddMinutes(2)));
        list.Add(new IncidentOpened(incident, "nodeLost", "n4 lost", [N(4)], T0.AddMinutes(2)));
        list.Add(new ClockViolation(N(2), "triHaRd", 120.5, 10, 50, T0.AddMinutes(3)));
        list.Add(new NodeExcluded(N(2), "clock drift", T0.AddMinutes(3)));
        list.Add(new PartitionDetected([[N(1), N(2), N(3)], [N(5)]], T0.AddMinutes(4)));
        list.Add(new PartitionHealed(T0.AddMinutes(5)));
        list.Add(new CeremonyStarted(redis, CeremonyKind.Redistribution, e1, [N(1), N(3), N(5), N(4)], "replace n4", T0.AddMinutes(6)));
        list.Add(new NodeAttested(N(4), "azure", new string('a', 96), "c9", T0.AddMinutes(6)));
        list.Add(new ShareDistributed(redis, N(4), e1, [N(1), N(3), N(5)], "vs4b", T0.AddMinutes(7)));
        list.Add(new CeremonyAborted(new CeremonyId(new Guid("44444444-4444-4444-4444-444444444444")), CeremonyKind.Refresh, e1, "peer timeout", [N(5)], T0.AddMinutes(7)));
        list.Add(new CeremonyCompleted(redis, CeremonyKind.Redistribution, e1, "abcd", T0.AddMinutes(8)));
        list.Add(new RunbookStepCompleted(incident, "redistribute share", true, "n4 holds epoch 1", T0.AddMinutes(8)));
        list.Add(new ClockRecovered(N(2), 3.5, 5, T0.AddMinutes(9)));
        list.Add(new NodeReadmitted(N(2), "5 good rounds", T0.AddMinutes(9)));
        list.Add(new IncidentResolved(incident, "replaced", T0.AddMinutes(9)));
        list.Add(new CertificateRevoked(e1, "0a", "keyCompromise", T0.AddMinutes(9), T0.AddMinutes(10)));
        list.Add(new AuditAnchored(20, new string('d', 64), SerialNumber.NewRandom(), T0.AddMinutes(10)));
        return list;
    }
}

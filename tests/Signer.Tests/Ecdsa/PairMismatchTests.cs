using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Tests.Adversary;
using CcTsa.Signer.Tests.Canary;
using CcTsa.Signer.Tests.Fleet;
using Microsoft.Extensions.Logging;

namespace CcTsa.Signer.Tests.Ecdsa;

/// <summary>
/// Two sides of one DKLs23 pair made by different setups (issue 15): n2 re-runs its setup with n4
/// and finishes, but its last answer to n4 is lost, so n4 keeps the old pair beside n2's new one.
/// Their OT-extension check would fail exactly as for a cheating Bob and each side would name the
/// other, both honest. The round-1 pair tags tell the two cases apart first: the run fails naming
/// nobody (in the step answers, the coordinator's outcome and every log line), both sides set the
/// pair up afresh, and then presigning and an ECDSA signature with n4 succeed.
/// </summary>
[Collection(FleetCollection.Name)]
public class PairMismatchTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N4 = NodeId.Parse("n4");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    [Fact]
    public async Task Pairs_from_two_different_setups_fail_a_run_naming_nobody_and_are_set_up_afresh()
    {
        using var capture = new LeakCapture();
        using var logs = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Information));
        var (cluster, groupKey) = await Fleet.EcdsaSigningTests.EcdsaFleetAsync(certify: false, logs: logs);
        await using var __ = cluster;
        var oldOnN4 = EcdsaKeyCeremonyTests.PairOf(cluster[N4], N2)!;
        var oldOnN2 = EcdsaKeyCeremonyTests.PairOf(cluster[N2], N4)!;

        // n2 forgets its pair with n4 and offers afresh; n4 answers (fresh attempt) and n2 finishes,
        // but n2's answer to n4 is lost: n4 still holds the old pair, n2 the new one
        var cut = true;
        cluster[N2].Context.Messenger.Compromised = (to, message) =>
            to == N4 && message is EcdsaPairSetupAnswered && Volatile.Read(ref cut) ? null : message;
        var n4Answers = new System.Collections.Concurrent.ConcurrentQueue<PresignStepAnswered>();
        cluster[N4].Context.Messenger.Compromised = (_, message) =>
        {
            if (message is PresignStepAnswered a) n4Answers.Enqueue(a);
            return message;
        };
        Assert.True(cluster[N2].Context.Vault.Use(1, s => { s.Ecdsa!.RemovePair(ParticipantId.FromNode(N4)); return true; }, out _));
        await cluster[N2].ReconcilePairsAsync();
        await Eventually.TrueAsync(() => EcdsaKeyCeremonyTests.PairOf(cluster[N2], N4) is { } p && !ReferenceEquals(p, oldOnN2), "n2's new pair with n4");
        Assert.Same(oldOnN4, EcdsaKeyCeremonyTests.PairOf(cluster[N4], N2));
        Assert.NotEqual(oldOnN4.SetupTag, EcdsaKeyCeremonyTests.PairOf(cluster[N2], N4)!.SetupTag);
        Volatile.Write(ref cut, false);

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var failed = await cluster[N2].Presigner.FillAsync(1, [N4, N5], 1, cts.Token);
        Assert.NotNull(failed);
        Assert.Contains("PairMismatch", failed!.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("OtExtensionCheckFailed", failed.Reason, StringComparison.Ordinal);
        Assert.Empty(failed.Culprits);
        // only the unpaired peer sits out the retry: n2's pair with n5 is fine
        Assert.Equal([N4], failed.Exclude);
        // n4, at its round 2, saw n2's tag differ too: it refused, naming nobody, reporting n2 as unpaired
        var refusal = Assert.Single(n4Answers, a => a.Failure is not null);
        Assert.Equal(("PairMismatch", 2), (refusal.Failure, refusal.Step));
        Assert.Empty(refusal.Culprits ?? []);
        Assert.Equal([N2], refusal.Unpaired);

        // both sides dropped the mismatched pair and set it up afresh, together
        await Eventually.TrueAsync(() => EcdsaKeyCeremonyTests.PairOf(cluster[N4], N2) is { } a && !ReferenceEquals(a, oldOnN4)
            && EcdsaKeyCeremonyTests.PairOf(cluster[N2], N4) is { } b && !ReferenceEquals(b, oldOnN2), "n2 and n4 set up a fresh pair");
        await EcdsaKeyCeremonyTests.AllPairsAsync(cluster, 1);
        // the two offers (one from each side) may cross once more before both hold the same pair
        var outcome = await cluster[N2].Presigner.FillAsync(1, [N4, N5], 2, cts.Token);
        for (var tries = 0; outcome is not null && tries < 20; tries++)
        {
            await Task.Delay(250, cts.Token);
            outcome = await cluster[N2].Presigner.FillAsync(1, [N4, N5], 2, cts.Token);
        }
        Assert.Null(outcome);
        Assert.All(n4Answers.Where(a => a.Failure is not null), a => Assert.Equal("PairMismatch", a.Failure));

        // and an ECDSA signature by exactly n2, n4, n5 verifies
        var info = EcdsaTestCertificates.CsrInfo("CN=CC-TSA ECDSA epoch 1,O=CC-TSA", groupKey);
        var signed = Assert.IsType<RawMessageSigned>(await cluster.SignRawAsync(N2, 1, "csr", info, avoid: [N1, N3], scheme: Fleet.EcdsaSigningTests.Scheme));
        Assert.Equal(new HashSet<NodeId> { N2, N4, N5 }, signed.Signers.ToHashSet());
        Assert.True(EcdsaTestCertificates.Verifies(groupKey, info, signed.Signature));

        // no log line accused anyone: the presign failures name no culprit, no OT-extension check failed
        var lines = capture.Texts;
        Assert.Contains(lines, l => l.Contains("holds a pair from another setup", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("OtExtensionCheckFailed", StringComparison.Ordinal) || l.Contains("failed an OT-extension check", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("named as culprit", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.Contains(" 2462 ", StringComparison.Ordinal)), l => Assert.Matches(@"; culprits\s*$", l));
    }
}

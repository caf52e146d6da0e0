using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.P384;
using CcTsa.Signer.Schemes;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// Threshold-ECDSA presignatures against a misbehaving coordinator or participant: an id is used
/// at most once (replay refused, another coordinator can't use it, a restart loses it for good),
/// and a bad online message is caught by the signature check before any signature leaves, naming
/// the sender when its transcript differs and leaving the subset out of the retry otherwise.
/// </summary>
[Collection(FleetCollection.Name)]
public class PresignatureTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N4 = NodeId.Parse("n4");
    private static readonly NodeId N5 = NodeId.Parse("n5");
    private const string Scheme = "ecdsa-p384";

    /// <summary>A fleet whose n1 signed one CSR with n2, n3 under ECDSA, so its stock holds presignatures of {n2, n3}.</summary>
    private static async Task<(TestCluster Cluster, byte[] Info)> StockedAsync()
    {
        var (cluster, groupKey) = await EcdsaSigningTests.EcdsaFleetAsync(certify: false);
        var info = EcdsaTestCertificates.CsrInfo("CN=CC-TSA ECDSA epoch 1,O=CC-TSA", groupKey);
        Assert.IsType<RawMessageSigned>(await cluster.SignRawAsync(N1, 1, "csr", info, avoid: [N4, N5], scheme: Scheme));
        // the round's background refill may still be running or, on a loaded host, have timed out
        // (nothing retries it with the warm-up off): this fill waits for it and tops the stock up
        Assert.Null(await cluster[N1].Presigner.FillAsync(1, [N2, N3], 2, CancellationToken.None));
        Assert.True(cluster[N1].Context.Presignatures.Count(1, [N2, N3]) >= 2);
        return (cluster, info);
    }

    private static ProduceSignatureShares Round(NodeId coordinator, NodeId participant, byte[] info, byte[] id) =>
        new(RoundId.New(), coordinator, participant, new KeyEpoch(1), [coordinator, N2, N3], "csr", [new ShareItem(info, [], [id])], Scheme);

    private static byte[] TakeId(TestCluster cluster) => cluster[N1].Context.Presignatures.Take(1, [N2, N3], 1)![0];

    [Fact]
    public async Task A_coordinator_replaying_a_presignature_id_is_refused()
    {
        var (cluster, info) = await StockedAsync();
        await using var _ = cluster;
        var id = TakeId(cluster);
        // another coordinator can't spend n1's presignature, and trying does not burn it
        var foreign = cluster[N2].Signing.Produce(Round(N3, N2, info, id) with { Signers = [N3, N2, N1] });
        Assert.False(foreign.IsOk);
        Assert.True(cluster[N2].Signing.Produce(Round(N1, N2, info, id)).IsOk);
        var replay = cluster[N2].Signing.Produce(Round(N1, N2, info, id));
        Assert.False(replay.IsOk);
        Assert.Contains("unknown or used presignature", replay.Error.Reason, StringComparison.Ordinal);

        // on the same fleet (one fleet less to start): a run ending after its epoch was forgotten is not stocked
        await RunEndingAfterItsEpochWasForgottenIsNotStockedAsync(cluster);
        // and on it still: forgets that void every run (as a peer answering "stale" on demand causes) end the fill
        await FillVoidedByEveryRunGivesUpAfterTwoRunsAsync(cluster);
    }

    /// <summary>
    /// A refresh replaces the epoch's shares while a presigning run of n1 with n2, n3 is at its last
    /// step: every signer's step 3 already stored the run's presignatures in the old share, and n1
    /// forgets the epoch's stock before n3's last answer reaches it. Driven here by forgetting exactly
    /// when n3 sends that answer. The run must not be stocked when it ends: its ids name presignatures
    /// the refresh wiped (n1's own among them, so every round taking one would fail on n1 itself).
    /// </summary>
    private static async Task RunEndingAfterItsEpochWasForgottenIsNotStockedAsync(TestCluster cluster)
    {
        var subset = new HashSet<NodeId> { N1, N2, N3 };
        RoundId? straddling = null;
        IReadOnlyList<byte[]> straddlingIds = [];
        cluster[N1].Context.Messenger.Compromised = (to, message) =>
        {
            if (message is PresignStepRequested { Step: 1 } r && to == N3 && r.Signers.ToHashSet().SetEquals(subset))
                lock (subset)
                    if (straddling is null) (straddling, straddlingIds) = (r.Run, r.SigIds);
            return message;
        };
        cluster[N3].Context.Messenger.Compromised = (to, message) =>
        {
            if (message is PresignStepAnswered { Step: 3, Failure: null } a && to == N1)
                lock (subset)
                    if (a.Run == straddling) cluster[N1].Context.Presignatures.ForgetEpoch(1);
            return message;
        };
        var discarded = cluster[N1].Context.Presignatures.Counts.Discarded;
        var have = cluster[N1].Context.Presignatures.Count(1, [N2, N3]);
        Assert.Null(await cluster[N1].Presigner.FillAsync(1, [N2, N3], have + 3, CancellationToken.None));
        cluster[N1].Context.Messenger.Compromised = null;
        cluster[N3].Context.Messenger.Compromised = null;

        Assert.NotNull(straddling);
        Assert.NotEmpty(straddlingIds);
        var stocked = cluster[N1].Context.Presignatures.Take(1, [N2, N3], cluster[N1].Context.Presignatures.Count(1, [N2, N3])) ?? [];
        Assert.DoesNotContain(stocked, id => straddlingIds.Any(s => s.AsSpan().SequenceEqual(id)));
        Assert.True(cluster[N1].Context.Presignatures.Counts.Discarded >= discarded + straddlingIds.Count);
        // and the fill went on with a fresh run: what it stocked is usable
        Assert.True(stocked.Count >= 3);
    }

    /// <summary>
    /// Every run of n1 with n2, n3 is voided by a forget just before its end (a peer can cause one at will
    /// by answering a signing round "stale", which makes the coordinator restock it). The fill must give
    /// up after two voided runs with a retry that leaves no one out and names no one, instead of keeping the
    /// subset's gate and three nodes' CPU busy with runs that are thrown away.
    /// </summary>
    private static async Task FillVoidedByEveryRunGivesUpAfterTwoRunsAsync(TestCluster cluster)
    {
        var subset = new HashSet<NodeId> { N1, N2, N3 };
        var runs = 0;
        cluster[N1].Context.Messenger.Compromised = (to, message) =>
        {
            if (message is PresignStepRequested { Step: 1 } r && to == N3 && r.Signers.ToHashSet().SetEquals(subset)) Interlocked.Increment(ref runs);
            return message;
        };
        cluster[N3].Context.Messenger.Compromised = (to, message) =>
        {
            if (message is PresignStepAnswered { Step: 3, Failure: null } && to == N1) cluster[N1].Context.Presignatures.Forget(N3);
            return message;
        };
        var failed = await cluster[N1].Presigner.FillAsync(1, [N2, N3], 1, CancellationToken.None);
        cluster[N1].Context.Messenger.Compromised = null;
        cluster[N3].Context.Messenger.Compromised = null;

        Assert.NotNull(failed);
        Assert.Contains("voided by a forget", failed.Reason, StringComparison.Ordinal);
        Assert.Empty(failed.Exclude);
        Assert.Empty(failed.Culprits);
        Assert.Equal(2, runs);
        Assert.Equal(0, cluster[N1].Context.Presignatures.Count(1, [N2, N3]));
    }

    [Fact]
    public async Task A_bad_partial_signature_never_becomes_a_signature_and_a_differing_transcript_names_its_sender()
    {
        var (cluster, info) = await StockedAsync();
        await using var _ = cluster;
        using var pk = P384Point.TryDecode(cluster[N1].Context.Vault.Use(1, s => s.Ecdsa!.Key.PublicKey.Encode(), out var b) ? b : [], out var p) ? p : null;

        EcdsaRound Play(Func<byte[], byte[]> tamperN3)
        {
            var id = TakeId(cluster);
            var round = new EcdsaRound(cluster[N1].Context, 1, [N1, N2, N3], [id], [info], pk!);
            Assert.Null(round.SignOwn());
            Assert.True(round.AcceptShares(N2, cluster[N2].Signing.Produce(Round(N1, N2, info, id)).Value));
            Assert.True(round.AcceptShares(N3, [.. cluster[N3].Signing.Produce(Round(N1, N3, info, id)).Value.Select(tamperN3)]));
            return round;
        }

        // a wrong w_3: no party is provably at fault (DKLs23 has no public check of one share), both peers are left out of the retry
        var badW = Play(x => { var y = (byte[])x.Clone(); y[49 + 48 + 10] ^= 1; return y; });
        var outcome = badW.Aggregate();
        Assert.False(outcome.IsOk);
        Assert.Equal([N2, N3], outcome.Error.Exclude.OrderBy(n => n.Index));
        Assert.False(outcome.Error.Fatal);

        // a different R' than the coordinator's own: the sender is named
        var badR = Play(x => { var y = (byte[])x.Clone(); y[5] ^= 1; return y; });
        var named = badR.Aggregate();
        Assert.False(named.IsOk);
        Assert.Equal([N3], named.Error.Culprits);
    }

    [Fact]
    public async Task A_killed_participants_presignatures_are_never_used_after_its_restart()
    {
        var (cluster, info) = await StockedAsync();
        await using var _ = cluster;
        var id = TakeId(cluster);
        await cluster.KillAsync(N2);
        await cluster.StartNodeAsync(N2);
        await cluster.WaitMutuallyAttestedAsync(TestCluster.All);
        // memory only: the restarted node has no share and no presignature of the epoch
        var refused = cluster[N2].Signing.Produce(Round(N1, N2, info, id));
        Assert.False(refused.IsOk);
        // and the coordinator dropped its stock of every subset with the restarted peer
        await Eventually.TrueAsync(() => cluster[N1].Context.Presignatures.CountFor(N2, 1) == 0, "stock with the restarted peer forgotten");
        // the fleet still signs, without it
        var signed = Assert.IsType<RawMessageSigned>(await cluster.SignRawAsync(N1, 1, "csr", info, avoid: [N2], scheme: Scheme));
        Assert.DoesNotContain(N2, signed.Signers);
    }

    [Fact]
    public async Task A_pair_deviating_in_presigning_is_left_out_without_blaming_either_end_and_the_request_signs_with_another_subset()
    {
        var (cluster, groupKey) = await EcdsaSigningTests.EcdsaFleetAsync(certify: false);
        await using var fleet = cluster;
        // n3 answers n2 from OT seeds n2 never agreed to (a setup run n2 did not take part in): its
        // OT-extension messages and RVOLE replies to n2 are inconsistent, and the checks catch it
        Ecdsa.EcdsaKeyCeremonyTests.BreakPair(cluster, N3, N2);
        var failed = await cluster[N1].Presigner.FillAsync(1, [N2, N3], 1, CancellationToken.None);
        Assert.NotNull(failed);
        Assert.False(failed!.Fatal);
        // whichever end of the broken pair detects it accuses the other, on pairwise state only the two
        // hold: the coordinator cannot tell the liar, so it leaves both out and names neither (n3 must
        // not be able to frame the honest n2)
        Assert.Empty(failed.Culprits);
        Assert.Contains(N2, failed.Exclude);
        Assert.Contains(N3, failed.Exclude);
        Assert.Equal(0, cluster[N1].Context.Presignatures.Count(1, [N2, N3]));

        // the failed check makes n2 and n3 set their pair up afresh (PairMismatchTests), so the request
        // meets a pair nothing has redone yet: n3's with n4. Its first subset {n3, n4} fails presigning
        // inside the request, and the pipeline leaves the disputed pair out and signs with the others
        Ecdsa.EcdsaKeyCeremonyTests.BreakPair(cluster, N3, N4);
        var broken = Ecdsa.EcdsaKeyCeremonyTests.PairOf(cluster[N3], N4);
        var info = EcdsaTestCertificates.CsrInfo("CN=CC-TSA ECDSA epoch 1,O=CC-TSA", groupKey);
        var signed = Assert.IsType<RawMessageSigned>(await cluster.SignRawAsync(N1, 1, "csr", info, avoid: [N2, N5], scheme: Scheme));
        Assert.DoesNotContain(N3, signed.Signers);
        Assert.DoesNotContain(N4, signed.Signers);
        Assert.True(EcdsaTestCertificates.Verifies(groupKey, info, signed.Signature));
        // {n3, n4} was really tried inside the request: only its failed check makes the pair be set up afresh
        await Eventually.TrueAsync(() => !ReferenceEquals(Ecdsa.EcdsaKeyCeremonyTests.PairOf(cluster[N3], N4), broken), "n3's broken pair with n4 redone");
    }

}

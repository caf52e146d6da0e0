using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Tests.Adversary;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Ecdsa;

/// <summary>
/// Two sides of one DKLs23 pair made by different setups: n2 re-runs its setup with n4 and finishes,
/// but its last answer to n4 is lost, so n4 keeps the old pair beside n2's new one. Every presign
/// run with both then fails the OT-extension check on both sides; each side drops the pair and sets
/// it up afresh, after which the same run succeeds. Nothing else notices: both sides hold "a" pair.
/// </summary>
[Collection(FleetCollection.Name)]
public class PairMismatchTests
{
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N4 = NodeId.Parse("n4");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    [Fact]
    public async Task Pairs_from_two_different_setups_fail_the_OT_extension_check_and_are_set_up_afresh()
    {
        var (cluster, _) = await Fleet.EcdsaSigningTests.EcdsaFleetAsync(certify: false);
        await using var __ = cluster;
        var oldOnN4 = EcdsaKeyCeremonyTests.PairOf(cluster[N4], N2)!;
        var oldOnN2 = EcdsaKeyCeremonyTests.PairOf(cluster[N2], N4)!;

        // n2 forgets its pair with n4 and offers afresh; n4 answers (fresh attempt) and n2 finishes,
        // but n2's answer to n4 is lost: n4 still holds the old pair, n2 the new one
        var cut = true;
        cluster[N2].Context.Messenger.Compromised = (to, message) =>
            to == N4 && message is EcdsaPairSetupAnswered && Volatile.Read(ref cut) ? null : message;
        Assert.True(cluster[N2].Context.Vault.Use(1, s => { s.Ecdsa!.RemovePair(ParticipantId.FromNode(N4)); return true; }, out _));
        await cluster[N2].ReconcilePairsAsync();
        await Eventually.TrueAsync(() => EcdsaKeyCeremonyTests.PairOf(cluster[N2], N4) is { } p && !ReferenceEquals(p, oldOnN2), "n2's new pair with n4");
        Assert.Same(oldOnN4, EcdsaKeyCeremonyTests.PairOf(cluster[N4], N2));
        Volatile.Write(ref cut, false);

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var failed = await cluster[N2].Presigner.FillAsync(1, [N4, N5], 1, cts.Token);
        Assert.NotNull(failed);
        Assert.Contains("OtExtensionCheckFailed", failed!.ToString(), StringComparison.Ordinal);

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
    }
}

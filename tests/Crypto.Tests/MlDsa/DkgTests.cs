using CcTsa.Contracts.Ids;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.MlDsa.Dkg;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>
/// Dealerless key generation: every subset's seed comes from its 3 members' committed
/// contributions, the public key from masked partial keys; all 10 signer sets sign under it.
/// </summary>
public sealed class DkgTests
{
    [Fact]
    public void Dkg_gives_one_public_key_that_every_signer_set_signs_under()
    {
        var results = DkgHarness.Run();
        Assert.All(results, r => Assert.True(r.IsOk, r.IsOk ? "" : r.Error.ToString()));
        var shares = results.Select(r => r.Value.Share).ToArray();
        var pk = results[0].Value.Transcript.PublicKey;
        Assert.All(results, r => Assert.Equal(pk.Encoding.ToArray(), r.Value.Transcript.PublicKey.Encoding.ToArray()));
        Assert.Equal(10, results[0].Value.Transcript.ShareCommitments.Count);
        foreach (var set in AssignmentTests.AllSignerSets())
        {
            var signers = new[] { (int)set[0], (int)set[1], (int)set[2] }.Select(n => shares[n - 1]).ToArray();
            var msg = System.Text.Encoding.ASCII.GetBytes($"dkg {set[0]}{set[1]}{set[2]}");
            var sig = LocalSigning.Sign(signers, RoundId.New(), msg, []);
            Assert.True(sig.IsOk, sig.IsOk ? "" : sig.Error.ToString());
            Assert.True(MlDsaVerifier.Verify(pk.Encoding, msg, [], sig.Value.Bytes.Span));
        }
        foreach (var s in shares) s.Dispose();
    }

    [Fact]
    public void Two_dkgs_give_different_keys()
    {
        var a = DkgHarness.Run();
        var b = DkgHarness.Run();
        Assert.NotEqual(a[0].Value.Transcript.PublicKey.Encoding.ToArray(), b[0].Value.Transcript.PublicKey.Encoding.ToArray());
        foreach (var r in a.Concat(b)) r.Value.Share.Dispose();
    }

    [Fact]
    public void Rho_contribution_not_opening_its_commitment_names_the_sender()
    {
        var results = DkgHarness.Run(new DkgHarness.Tamper(Reveals: rs => rs.Select(r =>
            r.From.Value == 4 ? new DkgRhoReveal(r.From, new byte[32]) : r).ToArray()));
        Assert.All(results, r => Assert.Equal((MlDsaFailure.WrongCommitmentOpening, MlDsaHarness.P(4)), (r.Error.Failure, r.Error.Culprits.Single())));
    }

    [Fact]
    public void Subset_contribution_not_opening_its_commitment_names_the_sender()
    {
        // n2 sends n5 a contribution other than the one it committed to.
        var results = DkgHarness.Run(new DkgHarness.Tamper(Package: p =>
        {
            if (p.From.Value != 2 || p.To.Value != 5) return p;
            var bytes = new byte[SecretPackage.DkgPairBytes];
            bytes[0] = 1;
            return new SecretPackage(p.From, p.To, CcTsa.Crypto.Native.SecretHandle.CopyOf(bytes));
        }));
        var e = results[4].Error;
        Assert.Equal((MlDsaFailure.WrongCommitmentOpening, MlDsaHarness.P(2)), (e.Failure, e.Culprits.Single()));
    }

    [Fact]
    public void A_holder_announcing_another_share_commitment_is_named()
    {
        var results = DkgHarness.Run(new DkgHarness.Tamper(Masked: ms => ms.Select(m =>
            m.From.Value == 3 ? new DkgMaskedKey(m.From, m.Masked, [new byte[32], .. m.ShareCommitments.Skip(1)]) : m).ToArray()));
        Assert.All(results, r => Assert.Equal((MlDsaFailure.ShareCommitmentMismatch, MlDsaHarness.P(3)), (r.Error.Failure, r.Error.Culprits.Single())));
    }

    [Fact]
    public void Dkg_state_and_packages_print_no_secrets()
    {
        var (state, _) = DkgRound1.Commit(MlDsaHarness.P(1), CeremonyId.New());
        Assert.EndsWith("[redacted])", state.ToString());
        state.Dispose();
    }
}

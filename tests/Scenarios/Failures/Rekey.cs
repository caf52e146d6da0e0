using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Scenarios.Harness;
using CcTsa.Scenarios.Load;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// Expectations shared by every "key lost or compromised" row: a new DKG, a CSR-issued certificate
/// for the next epoch, Healthy under a new group key; and tokens of the old epoch re-verified
/// against the CA and the current CRL.
/// </summary>
public static class Rekey
{
    /// <summary>Waits for DKG → certificate → epoch activation → Healthy, and checks each step's content.</summary>
    public static async Task<ClusterSnapshot> ExpectNewEpochAsync(ScenarioRun run, long after)
    {
        ArgumentNullException.ThrowIfNull(run);
        var next = run.Initial.Epoch + 1;
        await run.WaitEventAsync("ceremony_started", after, e => e.TextIs("kind", "dkg"), "a new DKG ceremony");
        var completed = await run.WaitEventAsync("ceremony_completed", after, e => e.TextIs("kind", "dkg"), "the new DKG to complete");
        Assert.Equal(next, completed.EpochField());
        var certificate = await run.WaitEventAsync("certificate_issued", after, e => e.EpochField() == next, $"a certificate for epoch {next}");
        Assert.False(string.IsNullOrEmpty(certificate.Text("measurementHex")), $"the certificate binds the launch measurement: {certificate}");
        var activated = await run.WaitEventAsync("key_epoch_activated", after, e => e.EpochField() == next, $"epoch {next} activated");
        Assert.Equal(5, activated.Nodes("shareHolders").Distinct().Count());
        var healthy = await run.WaitStateAsync("Healthy", s => s.Epoch == next && s.SharesHeld == 5);
        Assert.NotEqual(run.Initial.PublicKey, healthy.PublicKey);
        // publicKey is the default policy's (ecdsa-p384): the new epoch's activation of that scheme
        var ecdsa = await run.WaitEventAsync("key_epoch_activated", after, e => e.EpochField() == next && e.TextIs("scheme", "ecdsa-p384"), $"epoch {next}'s ECDSA key");
        Assert.Equal(ecdsa.Text("groupPublicKeyHex"), healthy.PublicKey);
        var pem = await run.Api.EpochCertificatePemAsync(next);
        Assert.Contains("BEGIN CERTIFICATE", pem, StringComparison.Ordinal);
        return healthy;
    }

    /// <summary>
    /// Issue 16, the post-quantum key in a re-key (quorum loss, compromise): the new epoch's DKG made a
    /// new ML-DSA-65 key (KeyEpochActivated, in /api/cluster publicKeys), the CA issued its certificate
    /// (CertificateIssued, scheme ml-dsa-65), and an ml-dsa-65 and a hybrid token sign under it
    /// (verified by the load: a hybrid token's both signatures). Call after <see cref="ExpectNewEpochAsync"/>.
    /// </summary>
    public static async Task ExpectNewPostQuantumKeyAsync(ScenarioRun run, long after, ClusterSnapshot rekeyed)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(rekeyed);
        var next = rekeyed.Epoch;
        var mlDsa = await run.WaitEventAsync("key_epoch_activated", after, e => e.EpochField() == next && e.TextIs("scheme", "ml-dsa-65"), $"epoch {next}'s ML-DSA-65 key");
        var key = mlDsa.Text("groupPublicKeyHex");
        Assert.False(string.IsNullOrEmpty(key), $"the ML-DSA-65 activation names its key: {mlDsa}");
        Assert.NotEqual(run.Initial.MlDsaKey, key);
        Assert.Equal(key, (await run.Api.ClusterAsync()).MlDsaKey);
        var certificate = await run.WaitEventAsync("certificate_issued", after, e => e.EpochField() == next && e.TextIs("scheme", "ml-dsa-65"),
            $"an ML-DSA-65 certificate for epoch {next}");
        Assert.False(string.IsNullOrEmpty(certificate.Text("serialHex")), $"the PQ certificate event names its serial: {certificate}");
        await Eventually.UntilAsync("the ml-dsa-65 and hybrid policies to be available under the new key",
            async () => await run.Api.PolicyAvailableAsync("ml-dsa-65") && await run.Api.PolicyAvailableAsync("hybrid"),
            ScenarioTimings.Transition, run.Cluster.Diagnostics);
        foreach (var policy in new[] { TsaPolicies.MlDsa65, TsaPolicies.Hybrid })
        {
            var outcome = await run.Load.StampOnceAsync(policy);
            Assert.True(outcome.Kind == RequestOutcomeKind.Granted && outcome.TokenVerified && outcome.Token!.Epoch == next,
                $"a {policy.Name} token under epoch {next}'s new post-quantum key: {outcome}");
        }
    }

    /// <summary>Re-verifies tokens with the CA and the CRL the TSA publishes now; returns the verdicts.</summary>
    public static async Task<IReadOnlyList<(IssuedToken Token, TokenVerdict Verdict)>> ReverifyAsync(ScenarioRun run, IEnumerable<IssuedToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(run);
        var crl = await run.Api.CrlAsync();
        var trust = new TokenVerificationOptions(run.Load.CaDer, crl);
        return [.. tokens.Select(t => (t, TokenVerifier.Verify(t.Response.AsMemory(), t.Data.AsMemory(), trust)))];
    }

    /// <summary>Asserts every token of the old epoch still verifies (key loss never invalidates past tokens).</summary>
    public static async Task ExpectOldTokensStillVerifyAsync(ScenarioRun run, int oldEpoch)
    {
        ArgumentNullException.ThrowIfNull(run);
        var old = run.Load.Tokens.Where(t => t.Epoch == oldEpoch).ToList();
        Assert.NotEmpty(old);
        foreach (var (token, verdict) in await ReverifyAsync(run, old))
            Assert.True(verdict.IsValid, $"token {token.SerialHex} of epoch {oldEpoch} no longer verifies: {verdict.Failure} {verdict.Reason}");
    }
}

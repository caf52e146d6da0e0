using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Signer.Schemes;
using CcTsa.Signer.Tests.Fleet;
using Xunit.Abstractions;
using BcTsp = Org.BouncyCastle.Tsp;

namespace CcTsa.Signer.Tests.MlDsa;

/// <summary>
/// Threshold ML-DSA-65 through the one signing pipeline on a real five-node fleet: commit and
/// reveal relayed over the bus, the response as the pipeline's round, rejected runs signed again,
/// the combined signature accepted by BouncyCastle's MLDsaSigner; a participant whose response
/// fails the combiner's checks is named and the request does not sign with it.
/// </summary>
[Collection(FleetCollection.Name)]
public class MlDsaSigningTests(ITestOutputHelper output)
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");

    internal static async Task<(TestCluster Cluster, byte[] PublicKey)> MlDsaFleetAsync()
    {
        var cluster = await TestCluster.StartAsync();
        var finished = await cluster.RunCeremonyAsync(CeremonyKind.Dkg, 1, TestCluster.All);
        Assert.All(finished, f => Assert.True(f.Ok, f.Error));
        return (cluster, finished[0].MlDsaGroupPublicKey!);
    }

    private static byte[] CsrInfo(byte[] key) => new CsrBuilder("CN=CC-TSA ML-DSA-65 epoch 1,O=CC-TSA", TokenSignatureAlgorithm.MlDsa65, key).ToBeSigned.ToArray();

    [Fact]
    public async Task Csr_for_the_ML_DSA_key_is_threshold_signed_through_the_pipeline_and_BouncyCastle_verifies_it()
    {
        var (cluster, key) = await MlDsaFleetAsync();
        await using var _ = cluster;
        var builder = new CsrBuilder("CN=CC-TSA ML-DSA-65 epoch 1,O=CC-TSA", TokenSignatureAlgorithm.MlDsa65, key);
        var outcome = await cluster.SignRawAsync(N2, 1, "csr", builder.ToBeSigned.ToArray(), avoid: [N1], scheme: MlDsa65Scheme.SchemeName);
        var signed = Assert.IsType<RawMessageSigned>(outcome);
        Assert.Equal(TestCluster.Threshold, signed.Signers.Count);
        Assert.DoesNotContain(N1, signed.Signers);
        Assert.Equal(MlDsa65.SignatureBytes, signed.Signature.Length);
        Assert.True(MlDsaVerifier.Verify(key, builder.ToBeSigned.Span, [], signed.Signature));
        // the completed request is a PKCS#10 the CA accepts (proof of possession by the threshold key)
        Assert.True(CsrReader.TryRead(builder.Complete(signed.Signature), out var csr, out var error), error?.ToString());
        Assert.Equal(TokenSignatureAlgorithm.MlDsa65, csr.Algorithm);
        // a CSR for another key is refused by the participants' purpose check
        var other = key.ToArray();
        other[^1] ^= 1;
        Assert.IsType<SigningFailed>(await cluster.SignRawAsync(N2, 1, "csr", CsrInfo(other), scheme: MlDsa65Scheme.SchemeName));
    }

    [Fact]
    public async Task A_participant_whose_response_fails_the_combiner_checks_is_named()
    {
        var (cluster, key) = await MlDsaFleetAsync();
        await using var _ = cluster;
        // only n1, n2, n3 left: the one subset must include n2
        await cluster.KillAsync(NodeId.Parse("n4"));
        await cluster.KillAsync(NodeId.Parse("n5"));
        // a compromised n2 marks every slot rejected but still sends its z shares (signed with its genuine key)
        cluster[N2].Context.Messenger.Compromised = (_, message) => message is SignatureSharesProduced p
            ? p with { Shares = [.. p.Shares.Select(s => { var t = s.ToArray(); t.AsSpan(0, 8).Clear(); return t; })] }
            : message;
        var failed = Assert.IsType<SigningFailed>(await cluster.SignRawAsync(N1, 1, "csr", CsrInfo(key), scheme: MlDsa65Scheme.SchemeName));
        output.WriteLine($"{failed.Reason}: {failed.Detail}");
        // n2 is named by the combiner's check; n4 and n5 are only silent, never named
        Assert.Equal([N2], failed.Culprits);
        Assert.Contains(NodeId.Parse("n4"), failed.Unresponsive);
    }

    [Fact]
    public async Task Tokens_under_the_ml_dsa_65_policy_carry_one_id_ml_dsa_65_SignerInfo_that_BouncyCastle_verifies()
    {
        var (cluster, key) = await MlDsaFleetAsync();
        await using var _ = cluster;
        var der = EcdsaTestCertificates.IssueMlDsa(cluster.Ca, 1, key, TsaPolicies.MlDsa65.Oid);
        await cluster.Bus.Publish(new InstallCertificate(new KeyEpoch(1), der, [cluster.Ca.CertificateDer], TsaPolicies.MlDsa65.Oid, TestCertificates.AccuracyMicros));
        using (var cts = new CancellationTokenSource(MessageLog<object>.Patience))
            foreach (var node in cluster.Nodes) await node.Context.Certificates.WaitAsync(1, cts.Token, MlDsa65Scheme.SchemeName);

        var items = Requests.Batch(3, seed: 11);
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, items, policy: TsaPolicies.MlDsa65.Oid));
        Assert.Equal(items.Count, signed.Tokens.Count);
        foreach (var item in items)
        {
            var token = signed.Tokens.Single(t => t.RequestId == item.RequestId);
            Assert.Equal(TsaPolicies.MlDsa65.Oid, token.Policy);
            var response = new BcTsp.TimeStampResponse(token.ResponseDer);
            response.Validate(new BcTsp.TimeStampRequest(item.RequestDer));
            var signer = response.TimeStampToken.ToCmsSignedData().GetSignerInfos().GetSigners().Single();
            Assert.Equal(Oids.MlDsa65, signer.SignatureAlgorithm.Algorithm.Id);
            // FIPS 204 verification of the one SignerInfo by BouncyCastle's MLDsaSigner, over the DER signed attributes
            Assert.True(MlDsaVerifier.Verify(key, signer.GetEncodedSignedAttributes(), [], signer.GetSignature()));
            // and the project's own verifier, chain to the CA included
            var verdict = TokenVerifier.VerifyDigest(token.ResponseDer, token.HashedMessage,
                new TokenVerificationOptions(cluster.Ca.CertificateDer, TsaCertificateDer: der));
            Assert.True(verdict.IsValid, $"{verdict.Failure}: {verdict.Reason}");
        }
    }
}

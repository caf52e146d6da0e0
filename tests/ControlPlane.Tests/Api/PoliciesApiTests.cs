using System.Net;
using System.Text.Json;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Events.Pki;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Tests.Tsa;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Microsoft.Extensions.DependencyInjection;

namespace CcTsa.ControlPlane.Tests.Api;

/// <summary>
/// Issue 15 over HTTP on the real composition: GET /api/policies lists both policies with their
/// algorithms and the configured default; /api/cluster shows each scheme's key of the current epoch
/// (publicKey stays the default policy's); POST /tsa refuses the ECDSA policy while it has no key
/// or certificate (systemFailure, 503, a statusString naming why) — synthetic
/// KeyEpochActivated/CertificateIssued "ecdsa-p384" events stand in for the ceremony.
/// </summary>
public sealed class PoliciesApiTests
{
    private static readonly string EcdsaKey = "02" + new string('e', 96);

    private static IEnumerable<object> EcdsaKeyOfEpochOne(bool withCertificate)
    {
        yield return new KeyEpochActivated(new KeyEpoch(1), "ecdsa-p384", EcdsaKey, [.. Enumerable.Range(1, 5).Select(NodeId.FromIndex)], CeremonyId.New(), ApiHost.EpochNotBefore);
        if (withCertificate)
            yield return new CertificateIssued(new KeyEpoch(1), "ecdsa-p384", "02", "CN=ecdsa", new string('f', 64), "", ApiHost.EpochNotBefore, ApiHost.EpochNotBefore.AddYears(1));
    }

    [Fact]
    public async Task Policies_lists_all_four_with_algorithms_and_ed25519_as_the_default()
    {
        await using var host = await ApiHost.StartAsync();
        using var doc = await GetJsonAsync(host, "/api/policies");
        var policies = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(4, policies.Count);
        var ed = policies.Single(p => p.GetProperty("name").GetString() == "ed25519");
        var ec = policies.Single(p => p.GetProperty("name").GetString() == "ecdsa-p384");
        Assert.Equal(["oid", "name", "algorithms", "default", "available"], ed.EnumerateObject().Select(p => p.Name));
        Assert.Equal(TsaPolicies.Ed25519.Oid, ed.GetProperty("oid").GetString());
        Assert.Equal(["Ed25519", "SHA-512"], ed.GetProperty("algorithms").EnumerateArray().Select(a => a.GetString()));
        Assert.True(ed.GetProperty("default").GetBoolean());
        Assert.True(ed.GetProperty("available").GetBoolean());
        Assert.Equal(TsaPolicies.EcdsaP384.Oid, ec.GetProperty("oid").GetString());
        Assert.Equal(["ecdsa-with-SHA384", "SHA-384"], ec.GetProperty("algorithms").EnumerateArray().Select(a => a.GetString()));
        Assert.False(ec.GetProperty("default").GetBoolean());
        Assert.False(ec.GetProperty("available").GetBoolean());
        var pq = policies.Single(p => p.GetProperty("name").GetString() == "ml-dsa-65");
        Assert.Equal(TsaPolicies.MlDsa65.Oid, pq.GetProperty("oid").GetString());
        Assert.Equal(["ML-DSA-65", "SHA-512"], pq.GetProperty("algorithms").EnumerateArray().Select(a => a.GetString()));
        Assert.False(pq.GetProperty("default").GetBoolean());
        // no ML-DSA key in the epoch yet
        Assert.False(pq.GetProperty("available").GetBoolean());
        var hybrid = policies.Single(p => p.GetProperty("name").GetString() == "hybrid");
        Assert.Equal(["oid", "name", "algorithms", "default", "available"], hybrid.EnumerateObject().Select(p => p.Name));
        Assert.Equal(TsaPolicies.Hybrid.Oid, hybrid.GetProperty("oid").GetString());
        Assert.Equal(["ecdsa-with-SHA384", "SHA-384", "ML-DSA-65"], hybrid.GetProperty("algorithms").EnumerateArray().Select(a => a.GetString()));
        Assert.False(hybrid.GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task Hybrid_policy_is_offered_only_once_both_ecdsa_and_ml_dsa_keys_have_certificates()
    {
        var mlDsaKey = new string('a', 2 * 1952);
        IEnumerable<object> MlDsa(bool withCertificate)
        {
            yield return new KeyEpochActivated(new KeyEpoch(1), "ml-dsa-65", mlDsaKey, [.. Enumerable.Range(1, 5).Select(NodeId.FromIndex)], CeremonyId.New(), ApiHost.EpochNotBefore);
            if (withCertificate)
                yield return new CertificateIssued(new KeyEpoch(1), "ml-dsa-65", "03", "CN=ml-dsa", new string('f', 64), "", ApiHost.EpochNotBefore, ApiHost.EpochNotBefore.AddYears(1));
        }
        async Task<bool> HybridAvailableAsync(IEnumerable<object> seed)
        {
            await using var host = await ApiHost.StartAsync(seed: () => [.. seed]);
            using var doc = await GetJsonAsync(host, "/api/policies");
            return doc.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "hybrid").GetProperty("available").GetBoolean();
        }
        Assert.False(await HybridAvailableAsync(EcdsaKeyOfEpochOne(withCertificate: true)));
        Assert.False(await HybridAvailableAsync([.. EcdsaKeyOfEpochOne(withCertificate: true), .. MlDsa(withCertificate: false)]));
        Assert.True(await HybridAvailableAsync([.. EcdsaKeyOfEpochOne(withCertificate: true), .. MlDsa(withCertificate: true)]));
    }

    [Fact]
    public async Task Cluster_public_keys_gain_ml_dsa_65_and_the_policy_is_offered_once_its_certificate_is_issued()
    {
        var key = new string('a', 2 * 1952);
        await using var host = await ApiHost.StartAsync(seed: () =>
        [
            new KeyEpochActivated(new KeyEpoch(1), "ml-dsa-65", key, [.. Enumerable.Range(1, 5).Select(NodeId.FromIndex)], CeremonyId.New(), ApiHost.EpochNotBefore),
            new CertificateIssued(new KeyEpoch(1), "ml-dsa-65", "03", "CN=ml-dsa", new string('f', 64), "", ApiHost.EpochNotBefore, ApiHost.EpochNotBefore.AddYears(1)),
        ]);
        using var doc = await GetJsonAsync(host, "/api/cluster");
        Assert.Equal(key, doc.RootElement.GetProperty("publicKeys").GetProperty("ml-dsa-65").GetString());
        using var policies = await GetJsonAsync(host, "/api/policies");
        Assert.True(policies.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "ml-dsa-65").GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task Cluster_shows_each_scheme_key_and_a_second_activation_keeps_the_frost_epoch()
    {
        await using var host = await ApiHost.StartAsync(seed: () => EcdsaKeyOfEpochOne(withCertificate: true));
        using var doc = await GetJsonAsync(host, "/api/cluster");
        Assert.Equal(new string('c', 64), doc.RootElement.GetProperty("publicKey").GetString());
        var keys = doc.RootElement.GetProperty("publicKeys");
        Assert.Equal(new string('c', 64), keys.GetProperty("ed25519").GetString());
        Assert.Equal(EcdsaKey, keys.GetProperty("ecdsa-p384").GetString());
        var epochs = host.App.Services.GetRequiredService<FleetState>().Epochs;
        Assert.Equal("frost-ed25519", epochs.Epochs[1].Scheme);
        Assert.Equal(new string('c', 64), epochs.CurrentPublicKeyHex);

        using var policies = await GetJsonAsync(host, "/api/policies");
        Assert.True(policies.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "ecdsa-p384").GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task Default_policy_setting_moves_publicKey_and_the_default_flag()
    {
        await using var host = await ApiHost.StartAsync(seed: () => EcdsaKeyOfEpochOne(withCertificate: true), defaultPolicy: TsaPolicies.EcdsaP384);
        using var cluster = await GetJsonAsync(host, "/api/cluster");
        Assert.Equal(EcdsaKey, cluster.RootElement.GetProperty("publicKey").GetString());
        using var policies = await GetJsonAsync(host, "/api/policies");
        var first = policies.RootElement[0];
        Assert.Equal("ecdsa-p384", first.GetProperty("name").GetString());
        Assert.True(first.GetProperty("default").GetBoolean());
        Assert.Equal(TsaPolicies.EcdsaP384.Oid, host.App.Services.GetRequiredService<TsaPolicySet>().Default);
    }

    [Theory]
    [InlineData(false, "has no ecdsa-p384 key")]
    [InlineData(true, "has no certificate")]
    public async Task Tsa_refuses_the_ecdsa_policy_without_key_or_certificate_as_unavailable_for_now(bool keyOnly, string why)
    {
        await using var host = await ApiHost.StartAsync(seed: () => keyOnly ? EcdsaKeyOfEpochOne(withCertificate: false) : []);
        using var http = host.Client();
        using var body = new ByteArrayContent(Requests.Valid(policy: TsaPolicies.EcdsaP384.Oid));
        body.Headers.ContentType = new(TsaEndpoints.QueryMediaType);
        using var response = await http.PostAsync(new Uri("/tsa", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var reply = Requests.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(PkiFailureInfo.SystemFailure, reply.FailInfo);
        Assert.Contains(why, reply.StatusText!, StringComparison.Ordinal);
        Assert.Contains(TsaPolicies.EcdsaP384.Oid, reply.StatusText!, StringComparison.Ordinal);
    }

    private static async Task<JsonDocument> GetJsonAsync(ApiHost host, string path)
    {
        using var http = host.Client();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}

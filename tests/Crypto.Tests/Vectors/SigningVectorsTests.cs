using System.Text;
using System.Collections.Immutable;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Sharing;
using static CcTsa.Crypto.Tests.Vectors.VectorData;

namespace CcTsa.Crypto.Tests.Vectors;

/// <summary>RFC 9591 Appendix E.1 (vectors.json) and the large-identifier variant, end to end.</summary>
public class SigningVectorsTests
{
    [Theory]
    [InlineData("vectors.json")]
    [InlineData("vectors-big-identifier.json")]
    public void Signing_vector_reproduces_every_intermediate_value(string file)
    {
        var v = Load(file);
        var inputs = v.GetProperty("inputs");
        var min = Int(v.GetProperty("config").GetProperty("MIN_PARTICIPANTS"));
        var groupKey = Pt(inputs.GetProperty("verifying_key_key"));
        using (var groupSecret = Sc(inputs.GetProperty("group_secret_key")))
            Assert.Equal(groupKey, groupSecret.ToPoint());
        var message = Hex(inputs.GetProperty("message"));

        var shares = inputs.GetProperty("participant_shares").EnumerateArray()
            .ToDictionary(s => Int(s.GetProperty("identifier")), s => s.GetProperty("participant_share"));
        var keys = new Dictionary<ParticipantId, KeyPackage>();
        var nonces = new Dictionary<ParticipantId, SigningNonces>();
        var r1 = v.GetProperty("round_one_outputs").GetProperty("outputs").EnumerateArray().ToList();
        foreach (var o in r1)
        {
            var id = ParticipantId.FromIndex(Int(o.GetProperty("identifier")));
            var key = KeyPackage.FromShare(id, Sc(shares[id.Value]), groupKey, min);
            keys[id] = key;
            var n = Round1.Commit(key, Hex(o.GetProperty("hiding_nonce_randomness")), Hex(o.GetProperty("binding_nonce_randomness")));
            Assert.Equal(o.GetProperty("hiding_nonce").GetString(), HexOf(n.Hiding));
            Assert.Equal(o.GetProperty("binding_nonce").GetString(), HexOf(n.Binding));
            Assert.Equal(Pt(o.GetProperty("hiding_nonce_commitment")), n.Commitments.Hiding);
            Assert.Equal(Pt(o.GetProperty("binding_nonce_commitment")), n.Commitments.Binding);
            nonces[id] = n;
        }

        var package = SigningPackage.Create(nonces.Values.Select(n => n.Commitments), message).Value;
        var rho = package.BindingFactors(groupKey);
        foreach (var o in r1)
            Assert.Equal(o.GetProperty("binding_factor").GetString(), rho[ParticipantId.FromIndex(Int(o.GetProperty("identifier")))].ToString());

        var sigShares = new List<SignatureShare>();
        foreach (var o in v.GetProperty("round_two_outputs").GetProperty("outputs").EnumerateArray())
        {
            var id = ParticipantId.FromIndex(Int(o.GetProperty("identifier")));
            var share = Round2.Sign(package, nonces[id], keys[id]).Value;
            Assert.Equal(o.GetProperty("sig_share").GetString(), share.Share.ToString());
            sigShares.Add(share);
        }

        var pub = PublicKeys(keys.Values, groupKey, min);
        var sig = Aggregate.Combine(package, sigShares, pub).Value;
        Assert.Equal(v.GetProperty("final_output").GetProperty("sig").GetString(), sig.ToString());
        Assert.True(IndependentVerifier.Verify(groupKey, message, sig.ToArray()));
        foreach (var k in keys.Values) k.Dispose();
    }

    [Fact]
    public void Signing_vector_binding_factor_input_matches_the_rfc_layout()
    {
        var v = Load("vectors.json");
        var o = v.GetProperty("round_one_outputs").GetProperty("outputs")[0];
        var input = Hex(o.GetProperty("binding_factor_input"));
        Assert.Equal(Hex(o.GetProperty("binding_factor")), Ciphersuite.H1(input).ToArray());
        Assert.Equal(Encoding.ASCII.GetBytes("test"), Hex(v.GetProperty("inputs").GetProperty("message")));
    }

    internal static PublicKeyPackage PublicKeys(IEnumerable<KeyPackage> keys, Point groupKey, int min) =>
        new(keys.ToImmutableSortedDictionary(k => k.Identifier, k => k.VerifyingShare), groupKey, min);
}

using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;
using static CcTsa.Crypto.Tests.Vectors.VectorData;

namespace CcTsa.Crypto.Tests.Vectors;

/// <summary>vectors_dkg.json: each participant's part 2 and part 3 over the published packages reproduce the published keys.</summary>
public class DkgVectorsTests
{
    [Fact]
    public void Dkg_vector_every_participant_derives_the_published_key_and_shares()
    {
        var v = Load("vectors_dkg.json");
        var inputs = v.GetProperty("inputs");
        var max = Int(v.GetProperty("config").GetProperty("MAX_PARTICIPANTS"));
        var min = Int(v.GetProperty("config").GetProperty("MIN_PARTICIPANTS"));
        var groupKey = Pt(inputs.GetProperty("verifying_key"));
        var round1 = new Dictionary<ParticipantId, Round1Package>();
        for (int i = 1; i <= max; i++)
        {
            var p = inputs.GetProperty(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var bytes = new List<byte> { 1, 1, 5 };
            bytes.AddRange(new byte[32]);
            bytes[3] = (byte)i;
            bytes.AddRange(new byte[] { (byte)min, 0 });
            foreach (var c in p.GetProperty("vss_commitments").EnumerateArray()) bytes.AddRange(Hex(c));
            bytes.AddRange(Hex(p.GetProperty("proof_of_knowledge")));
            round1[ParticipantId.FromIndex(i)] = Round1Package.FromBytes(bytes.ToArray()).Value;
        }

        PublicKeyPackage? first = null;
        for (int i = 1; i <= max; i++)
        {
            var id = ParticipantId.FromIndex(i);
            var p = inputs.GetProperty(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var a0 = Sc(p.GetProperty("signing_key"));
            using var a1 = Sc(p.GetProperty("coefficient"));
            var (secret1, own) = Dealerless.Part1(id, Polynomial<Ed25519PrimeOrderGroup, Point>.FromCoefficients(2, (k, d) => (k == 0 ? a0 : a1).Secret.CopyTo(d)), max);
            Assert.Equal(round1[id].Commitment, own.Commitment);
            Assert.True(Dealerless.VerifyKnowledge(own, []));

            var others = round1.Where(kv => kv.Key != id).Select(kv => kv.Value).ToList();
            var (secret2, _) = Dealerless.Part2(secret1, others).Value;
            var received = p.GetProperty("signing_shares").EnumerateObject()
                .Select(s => new Round2Package(ParticipantId.FromIndex(int.Parse(s.Name, System.Globalization.CultureInfo.InvariantCulture)), id, Sc(s.Value)))
                .ToList();
            var (key, pub) = Dealerless.Part3(secret2, others, received).Value;

            Assert.Equal(groupKey, key.VerifyingKey);
            Assert.Equal(Pt(p.GetProperty("verifying_share")), key.VerifyingShare);
            using (var expected = Sc(p.GetProperty("signing_share")))
                Assert.True(expected.SecretEquals(key.SigningShare));
            Assert.Equal(groupKey, pub.VerifyingKey);
            for (int j = 1; j <= max; j++)
                Assert.Equal(Pt(inputs.GetProperty(j.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetProperty("verifying_share")), pub.VerifyingShares[ParticipantId.FromIndex(j)]);
            first ??= pub;
            Assert.Equal(first, pub);
            key.Dispose();
            secret1.Dispose();
            secret2.Dispose();
        }
    }
}

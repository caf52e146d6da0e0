using System.Collections.Immutable;
using System.Formats.Asn1;
using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Crypto.Tests.Rfc3161;

namespace CcTsa.Crypto.Tests.Pki;

/// <summary>
/// The epoch certificate of the ECDSA key: a CSR for a P-384 point (given compressed, as the fleet
/// reports it) signed ecdsa-with-SHA384, read and checked by the dev CA, which issues a certificate
/// with the EC key, the TSA profile and the ecdsa policy; forged or mislabelled CSRs are refused.
/// </summary>
public sealed class EcdsaCsrTests : IDisposable
{
    private const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";
    private static readonly ImmutableArray<byte> Measurement = [.. SHA384.HashData("image"u8)];
    private readonly DevCertificateAuthority _ca = DevCertificateAuthority.Create("CN=Test Root,O=CC-TSA", TestTsa.Now.AddDays(-1), TestTsa.Now.AddYears(5));
    private readonly EcdsaP384TestSigner _key = new();

    private static TsaCertificateTerms Terms() =>
        new(TestTsa.Now, TestTsa.Now.AddYears(1), new KeyEpoch(4), Measurement, null, [TsaPolicies.EcdsaP384.Oid]);

    [Fact]
    public void Csr_for_a_compressed_point_gets_a_certificate_with_the_ec_key_and_the_ecdsa_policy()
    {
        var builder = new CsrBuilder("CN=CC-TSA ECDSA P-384 epoch 4,O=CC-TSA", TokenSignatureAlgorithm.EcdsaP384Sha384, _key.CompressedPublicKey);
        var issued = _ca.IssueTsaCertificate(builder.Complete(_key.Sign(builder.ToBeSigned.Span)), Terms());
        Assert.True(issued.IsOk, issued.IsOk ? null : issued.Error.Message);
        var certificate = TsaCertificate.Parse(issued.Value);
        Assert.Equal(TokenSignatureAlgorithm.EcdsaP384Sha384, certificate.Algorithm);
        Assert.True(P384Points.SamePoint(certificate.PublicKey.AsSpan(), _key.CompressedPublicKey));
        Assert.Equal(97, certificate.PublicKey.Length);
        Assert.True(certificate.Certifies(TsaPolicies.EcdsaP384.Oid));
        Assert.False(certificate.Certifies(TsaPolicies.Ed25519.Oid));
        Assert.Equal(new KeyEpoch(4), certificate.Epoch);
    }

    [Fact]
    public void Complete_with_a_signature_of_another_key_throws_and_the_ca_refuses_it_as_BadProofOfPossession()
    {
        using var impostor = new EcdsaP384TestSigner();
        var builder = new CsrBuilder("CN=x", TokenSignatureAlgorithm.EcdsaP384Sha384, _key.CompressedPublicKey);
        var forged = impostor.Sign(builder.ToBeSigned.Span);
        Assert.Throws<ArgumentException>(() => builder.Complete(forged));
        Assert.Equal(PkiFailure.BadProofOfPossession, _ca.IssueTsaCertificate(Wrap(builder, EcdsaWithSha384, forged), Terms()).Error.Failure);
    }

    [Fact]
    public void Ec_key_csr_labelled_as_ed25519_signed_is_refused_as_BadProofOfPossession()
    {
        var builder = new CsrBuilder("CN=x", TokenSignatureAlgorithm.EcdsaP384Sha384, _key.CompressedPublicKey);
        var csr = Wrap(builder, "1.3.101.112", _key.Sign(builder.ToBeSigned.Span));
        var refused = _ca.IssueTsaCertificate(csr, Terms()).Error;
        Assert.Equal(PkiFailure.BadProofOfPossession, refused.Failure);
        Assert.Contains(EcdsaWithSha384, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_refuses_bytes_that_are_no_p384_point()
    {
        Assert.Throws<ArgumentException>(() => new CsrBuilder("CN=x", TokenSignatureAlgorithm.EcdsaP384Sha384, new byte[32]));
        Assert.Null(P384Points.Uncompressed(new byte[48]));
        Assert.False(P384Points.SamePoint(_key.CompressedPublicKey, new byte[49]));
    }

    private static byte[] Wrap(CsrBuilder builder, string signatureOid, byte[] signature)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteEncodedValue(builder.ToBeSigned.Span);
            using (w.PushSequence())
                w.WriteObjectIdentifier(signatureOid);
            w.WriteBitString(signature);
        }
        return w.Encode();
    }

    public void Dispose()
    {
        _key.Dispose();
        _ca.Dispose();
    }
}

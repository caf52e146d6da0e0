using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Crypto.Tests.Rfc3161;

/// <summary>
/// A TSA issuing tokens the way the fleet will under the ecdsa-p384 policy: the real TokenBuilder,
/// one P-384 key standing in for the DKLs23 group, and a certificate the project's own dev CA
/// issued from a CSR that key signed (certificatePolicies = the ecdsa policy OID).
/// </summary>
public sealed class EcdsaTestTsa : IDisposable
{
    public EcdsaTestTsa(DevCertificateAuthority? ca = null)
    {
        Ca = ca ?? DevCertificateAuthority.Create("CN=CC-TSA Dev Root,O=CC-TSA", TestTsa.Now.AddYears(-1), TestTsa.Now.AddYears(10));
        Csr = new CsrBuilder("CN=CC-TSA ECDSA P-384 epoch 1,O=CC-TSA", TokenSignatureAlgorithm.EcdsaP384Sha384, Signer.CompressedPublicKey);
        CsrDer = Csr.Complete(Signer.Sign(Csr.ToBeSigned.Span));
        var terms = new TsaCertificateTerms(TestTsa.Now.AddDays(-1), TestTsa.Now.AddYears(2), new KeyEpoch(1), [.. SHA384.HashData("signer image"u8)],
            TokenAccuracyExtension.FleetDefault, [TsaPolicies.EcdsaP384.Oid]);
        CertificateDer = Ca.IssueTsaCertificate(CsrDer, terms).Value;
        Certificate = TsaCertificate.Parse(CertificateDer);
    }

    public DevCertificateAuthority Ca { get; }

    public EcdsaP384TestSigner Signer { get; } = new();

    public CsrBuilder Csr { get; }

    public byte[] CsrDer { get; }

    public byte[] CertificateDer { get; }

    public TsaCertificate Certificate { get; }

    public TsaPolicySet Policies { get; } = new(TsaPolicies.EcdsaP384.Oid, TsaPolicies.Ed25519.Oid);

    public TokenVerificationOptions Options() => new(Ca.CertificateDer, null, CertificateDer);

    /// <summary>Issues a granted TimeStampResp for <paramref name="data"/> under the ecdsa-p384 policy.</summary>
    public byte[] Issue(byte[] data, bool certReq = true, ImprintAlgorithm algorithm = ImprintAlgorithm.Sha256)
    {
        var der = TestTsa.RequestFor(data, algorithm, certReq, policy: TsaPolicies.EcdsaP384.Oid);
        Assert.True(TimeStampRequestParser.TryParse(der, Policies, out var request, out var rejection), rejection?.StatusText);
        var fields = new TstInfoFields(SerialNumber.NewRandom(), TestTsa.Now, TimeSpan.FromMicroseconds(50));
        return TokenBuilder.IssueAsync(request, fields, Certificate, Signer, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        Signer.Dispose();
        Ca.Dispose();
    }
}

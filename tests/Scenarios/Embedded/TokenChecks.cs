using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using BcTsp = Org.BouncyCastle.Tsp;
using BcX509 = Org.BouncyCastle.X509;

namespace CcTsa.Scenarios.Embedded;

/// <summary>The two independent verifications every issued token must pass: ours (`cctsa verify`) and BouncyCastle's.</summary>
internal static class TokenChecks
{
    public static void AssertValid(byte[] response, byte[] request, byte[] data, byte[] caDer, byte[]? crlDer)
    {
        var verdict = TokenVerifier.Verify(response, data, new TokenVerificationOptions(caDer, crlDer));
        Assert.True(verdict.IsValid, "TokenVerifier: " + verdict.Reason);

        var bc = new BcTsp.TimeStampResponse(response);
        bc.Validate(new BcTsp.TimeStampRequest(request));
        var tsa = Assert.Single(bc.TimeStampToken.GetCertificates().EnumerateMatches(null), c => c.SerialNumber.Equals(bc.TimeStampToken.SignerID.SerialNumber));
        bc.TimeStampToken.Validate(tsa);
        var ca = new BcX509.X509CertificateParser().ReadCertificate(caDer);
        tsa.Verify(ca.GetPublicKey());
    }

    public static byte[] Der(string pem) =>
        Pem.TryDecode(pem, Pem.Certificate, out var der) ? der : throw new InvalidOperationException("not a PEM certificate");
}

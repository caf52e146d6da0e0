using System.Security.Cryptography;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Rfc3161;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BcTsp = Org.BouncyCastle.Tsp;
using BcX509 = Org.BouncyCastle.X509;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>Timestamp requests for tests, and an independent check of the tokens (BouncyCastle).</summary>
internal static class Requests
{
    public static IReadOnlyList<TimestampToSign> Batch(int count, int seed = 0) =>
        [.. Enumerable.Range(seed, count).Select(i =>
        {
            var digest = SHA256.HashData(BitConverter.GetBytes(i));
            return new TimestampToSign(Guid.NewGuid(), TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, digest, null, 1000 + i, true));
        })];

    /// <summary>
    /// Checks one granted token with BouncyCastle only: the TSP validation (ESSCertIDv2, signature
    /// under the certificate) and a raw RFC 8032 Ed25519 verification of the signer info under the
    /// group key from the DKG.
    /// </summary>
    public static void VerifyIndependently(SignedTimestamp token, TimestampToSign request, byte[] certificateDer, byte[] groupKey)
    {
        var response = new BcTsp.TimeStampResponse(token.ResponseDer);
        response.Validate(new BcTsp.TimeStampRequest(request.RequestDer));
        var certificate = new BcX509.X509CertificateParser().ReadCertificate(certificateDer);
        response.TimeStampToken.Validate(certificate);
        var signerInfo = response.TimeStampToken.ToCmsSignedData().GetSignerInfos().GetSigners().Single();
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(groupKey));
        var signed = signerInfo.GetEncodedSignedAttributes();
        verifier.BlockUpdate(signed, 0, signed.Length);
        Assert.True(verifier.VerifySignature(signerInfo.GetSignature()), "Ed25519 signature does not verify under the group key");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(token.ResponseDer)), token.TokenSha256.Hex);
    }
}

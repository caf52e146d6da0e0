using System.Formats.Asn1;
using System.Security.Cryptography;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Full verification of an RFC 3161 token against the data it stamps: imprint, content type,
/// message-digest, ESSCertIDv2, signer identifier, signature (switching on the algorithm),
/// tsa name, EKU and keyUsage, chain to the CA, validity at genTime, and the CRL with the
/// RFC 3161 §4 rule. Stops at the first failed check and names it. A hybrid token's ML-DSA-65
/// signature is checked once the classical signature verified (<see cref="HybridSignatureCheck"/>)
/// and reported beside it (<see cref="TokenVerdict.PostQuantum"/>).
/// </summary>
public static class TokenVerifier
{
    /// <summary>Verifies a TimeStampResp (.tsr) or a bare TimeStampToken against <paramref name="data"/>.</summary>
    public static TokenVerdict Verify(ReadOnlyMemory<byte> tokenOrResponse, ReadOnlyMemory<byte> data, TokenVerificationOptions options) =>
        Verify(tokenOrResponse, algorithm => ImprintAlgorithms.Hash(algorithm, data.Span), options);

    /// <summary>
    /// As above when the verifier holds only the digest the token time-stamps (e.g. an audit chain
    /// head): the imprint must equal <paramref name="digest"/> under the token's own hash algorithm.
    /// </summary>
    public static TokenVerdict VerifyDigest(ReadOnlyMemory<byte> tokenOrResponse, ReadOnlyMemory<byte> digest, TokenVerificationOptions options) =>
        Verify(tokenOrResponse, _ => digest.ToArray(), options);

    /// <summary>As above, hashing a stream (large files) once the token's hash algorithm is known.</summary>
    public static TokenVerdict Verify(ReadOnlyMemory<byte> tokenOrResponse, Stream data, TokenVerificationOptions options) =>
        Verify(tokenOrResponse, algorithm => ImprintAlgorithms.Hash(algorithm, data), options);

    private static TokenVerdict Verify(ReadOnlyMemory<byte> input, Func<ImprintAlgorithm, byte[]> hashData, TokenVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var notes = new List<string>();
        if (!TryUnwrap(input, out var tokenDer, out var unwrapFailure))
            return unwrapFailure!;

        TimeStampTokenReader.ParsedToken token;
        TstInfoSummary tstInfo;
        try
        {
            token = TimeStampTokenReader.Read(tokenDer);
            tstInfo = TstInfoReader.Read(token.TstInfoDer);
        }
        catch (AsnContentException)
        {
            return Fail(VerificationFailure.Malformed, "the token is not a well-formed DER CMS SignedData with a TSTInfo", null, notes);
        }
        var details = new TokenDetails(tstInfo, null, null, null);

        if (token.EContentType != Oids.TstInfo)
            return Fail(VerificationFailure.ContentTypeMismatch, "eContentType is not id-ct-TSTInfo", details, notes);
        if (!hashData(tstInfo.Algorithm).AsSpan().SequenceEqual(tstInfo.HashedMessage.AsSpan()))
            return Fail(VerificationFailure.ImprintMismatch,
                $"message imprint does not match the {ImprintAlgorithms.Name(tstInfo.Algorithm)} hash of the data (the token is for other data)", details, notes);

        SignedAttributes attributes;
        try
        {
            attributes = SignedAttributes.Read(token.SignedAttributesDer);
        }
        catch (AsnContentException)
        {
            return Fail(VerificationFailure.Malformed, "signed attributes are malformed or lack content-type, message-digest or signing-certificate-v2", details, notes);
        }
        if (attributes.ContentType != Oids.TstInfo)
            return Fail(VerificationFailure.ContentTypeMismatch, "content-type attribute is not id-ct-TSTInfo", details, notes);
        if (!CmsDigest.TryHashByOid(token.DigestOid, token.TstInfoDer, out var digest))
            return Fail(VerificationFailure.UnsupportedAlgorithm, "SignerInfo digest algorithm is not SHA-256/384/512", details, notes);
        if (!CryptographicOperations.FixedTimeEquals(digest, attributes.MessageDigest.AsSpan()))
            return Fail(VerificationFailure.MessageDigestMismatch, "message-digest attribute does not match the TSTInfo (the token was altered)", details, notes);

        var candidates = new List<byte[]>(token.Certificates);
        if (options.TsaCertificateDer is { IsEmpty: false } given)
            candidates.Insert(0, given.ToArray());
        if (candidates.Count == 0)
            return Fail(VerificationFailure.SignerCertificateMissing, "the token carries no certificate; give the TSA certificate (--tsa-cert)", details, notes);
        var signerDer = candidates.FirstOrDefault(c => SHA256.HashData(c).AsSpan().SequenceEqual(attributes.SigningCertificateHash.AsSpan()));
        if (signerDer is null)
            return Fail(VerificationFailure.EssCertIdMismatch, "ESSCertIDv2 in signing-certificate-v2 does not match the TSA certificate (another TSA's certificate?)", details, notes);
        if (!TsaCertificate.TryParse(signerDer, out var signer, out var certError))
            return Fail(VerificationFailure.UnsupportedAlgorithm, "TSA certificate: " + certError, details, notes);
        details = details with { SignerSubject = SubjectText(signerDer), Epoch = signer.Epoch, Algorithm = signer.Algorithm };

        if (!signer.IssuerDer.AsSpan().SequenceEqual(token.SidIssuerDer) || !signer.SerialNumber.AsSpan().SequenceEqual(token.SidSerial))
            return Fail(VerificationFailure.SignerIdentifierMismatch, "SignerInfo issuer and serial do not name the TSA certificate", details, notes);
        if (token.SignatureOid != CmsDigest.SignatureOid(signer.Algorithm) || token.SignatureHasParameters)
            return Fail(VerificationFailure.UnsupportedAlgorithm, "signature algorithm does not match the TSA certificate key (or has parameters)", details, notes);
        if (token.DigestOid != CmsDigest.Oid(signer.Algorithm))
            return Fail(VerificationFailure.UnsupportedAlgorithm, "digest algorithm is not the one the signature algorithm requires", details, notes);
        if (!SignatureVerifier.Verify(signer.Algorithm, signer.PublicKey.AsSpan(), token.SignedAttributesDer, token.Signature))
            return Fail(VerificationFailure.SignatureInvalid, "the signature does not verify under the TSA certificate key", details, notes);
        if (tstInfo.TsaNameDer is { } tsaName && !tsaName.AsSpan().SequenceEqual(signer.TsaNameDer))
            return Fail(VerificationFailure.TsaNameMismatch, "the TSTInfo tsa name is not the TSA certificate subject", details, notes);

        var postQuantum = HybridSignatureCheck.Check(token, tstInfo, signer, options);
        var path = CertificatePathValidator.Validate(signerDer, token.Certificates, tstInfo.GenTime, options, notes);
        if (path.Failure != VerificationFailure.None)
            return Fail(path.Failure, path.Reason, details, notes) with { PostQuantum = postQuantum };
        return new TokenVerdict(VerificationFailure.None, "valid", details, notes) { PostQuantum = postQuantum };
    }

    private static bool TryUnwrap(ReadOnlyMemory<byte> input, out ReadOnlyMemory<byte> token, out TokenVerdict? failure)
    {
        token = input;
        failure = null;
        try
        {
            // A TimeStampResp starts with PKIStatusInfo (a SEQUENCE); a ContentInfo with an OID.
            var first = new AsnReader(input, AsnEncodingRules.BER).ReadSequence().PeekTag();
            if (!first.HasSameClassAndValue(Asn1Tag.Sequence))
                return true;
        }
        catch (AsnContentException)
        {
            failure = Fail(VerificationFailure.Malformed, "input is neither a TimeStampResp nor a TimeStampToken", null, []);
            return false;
        }
        if (!TimeStampResponseReader.TryRead(input, out var response, out var error))
        {
            failure = Fail(VerificationFailure.Malformed, error, null, []);
            return false;
        }
        if (!response.IsGranted)
        {
            failure = Fail(VerificationFailure.NotGranted,
                $"the response is {response.StatusName}{(response.FailInfo is { } f ? " (" + f + ")" : "")}: {response.StatusText}", null, []);
            return false;
        }
        token = response.Token!.Value;
        return true;
    }

    private static string? SubjectText(byte[] certificateDer)
    {
        try
        {
            return new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(certificateDer)?.SubjectDN.ToString();
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            return null;
        }
    }

    private static TokenVerdict Fail(VerificationFailure failure, string reason, TokenDetails? details, List<string> notes) =>
        new(failure, reason, details, notes);
}

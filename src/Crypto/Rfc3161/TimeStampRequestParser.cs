using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Numerics;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Parses a TimeStampReq (RFC 3161 §2.4.1) under strict DER and decides acceptance. The whole
/// structure is decoded before any semantic check, so a malformed request is always
/// badDataFormat whatever else is wrong with it. Never throws on untrusted input.
/// </summary>
public static class TimeStampRequestParser
{
    /// <summary>Largest request body accepted (the HTTP front answers 413 above it).</summary>
    public const int MaxRequestBytes = 64 * 1024;

    private static readonly Asn1Tag ExtensionsTag = new(TagClass.ContextSpecific, 0, isConstructed: true);

    public static bool TryParse(
        ReadOnlySpan<byte> der,
        TsaPolicySet offered,
        [NotNullWhen(true)] out TimeStampRequest? request,
        [NotNullWhen(false)] out TimestampRejection? rejection)
    {
        ArgumentNullException.ThrowIfNull(offered);
        request = null;
        if (der.Length > MaxRequestBytes)
        {
            rejection = new TimestampRejection(PkiFailureInfo.BadRequest, "request larger than 64 KiB");
            return false;
        }
        if (der.IsEmpty)
        {
            rejection = new TimestampRejection(PkiFailureInfo.BadDataFormat, "empty request");
            return false;
        }

        RawRequest raw;
        try
        {
            raw = Decode(der.ToArray());
        }
        catch (AsnContentException)
        {
            rejection = new TimestampRejection(PkiFailureInfo.BadDataFormat, "request is not a DER-encoded TimeStampReq");
            return false;
        }
        if (raw.Error is not null)
        {
            rejection = new TimestampRejection(PkiFailureInfo.BadDataFormat, raw.Error);
            return false;
        }
        return Accept(raw, offered, out request, out rejection);
    }

    private static bool Accept(RawRequest raw, TsaPolicySet offered, out TimeStampRequest? request, out TimestampRejection? rejection)
    {
        request = null;
        if (raw.Version != 1)
        {
            rejection = new TimestampRejection(PkiFailureInfo.BadRequest, "unsupported TimeStampReq version (only v1 is accepted)");
            return false;
        }
        if (!ImprintAlgorithms.TryFromOid(raw.HashOid, out var algorithm))
        {
            rejection = new TimestampRejection(PkiFailureInfo.BadAlg,
                "message imprint hash algorithm is not accepted (SHA-256/384/512, SHA3-256/384 only)");
            return false;
        }
        if (!raw.HashParamsAcceptable)
        {
            rejection = new TimestampRejection(PkiFailureInfo.BadAlg, "message imprint hash algorithm has unexpected parameters");
            return false;
        }
        if (raw.HashedMessage.Length != ImprintAlgorithms.Length(algorithm))
        {
            rejection = new TimestampRejection(PkiFailureInfo.BadAlg,
                $"message imprint length does not match {ImprintAlgorithms.Name(algorithm)} ({ImprintAlgorithms.Length(algorithm)} bytes expected)");
            return false;
        }
        if (raw.Policy is not null && !offered.Contains(raw.Policy))
        {
            rejection = new TimestampRejection(PkiFailureInfo.UnacceptedPolicy, "the requested TSA policy is not offered by this TSA");
            return false;
        }
        if (raw.HasExtensions)
        {
            rejection = new TimestampRejection(PkiFailureInfo.UnacceptedExtension, "request extensions are not supported by this TSA");
            return false;
        }
        request = new TimeStampRequest(algorithm, raw.HashedMessage, raw.Policy ?? offered.Default, raw.Nonce, raw.CertReq);
        rejection = null;
        return true;
    }

    private static RawRequest Decode(byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var seq = outer.ReadSequence();
        if (outer.HasData)
            return RawRequest.Malformed("trailing bytes after the TimeStampReq");

        var version = seq.ReadInteger();

        var imprint = seq.ReadSequence();
        var algId = imprint.ReadSequence();
        var hashOid = algId.ReadObjectIdentifier();
        var paramsOk = true;
        if (algId.HasData)
        {
            // RFC 5754: absent is preferred; NULL is what many clients (OpenSSL) send.
            var tag = algId.PeekTag();
            if (tag.HasSameClassAndValue(Asn1Tag.Null))
                algId.ReadNull();
            else
            {
                paramsOk = false;
                algId.ReadEncodedValue();
            }
            if (algId.HasData)
                return RawRequest.Malformed("malformed hash AlgorithmIdentifier");
        }
        var hashed = imprint.ReadOctetString();
        if (imprint.HasData)
            return RawRequest.Malformed("malformed MessageImprint");

        string? policy = null;
        ImmutableArray<byte>? nonce = null;
        var certReq = false;
        var hasExtensions = false;

        if (seq.HasData && seq.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
            policy = seq.ReadObjectIdentifier();
        if (seq.HasData && seq.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            nonce = [.. seq.ReadIntegerBytes().Span];
        if (seq.HasData && seq.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
        {
            certReq = seq.ReadBoolean();
            if (!certReq)
                return RawRequest.Malformed("certReq FALSE must be omitted in DER (DEFAULT FALSE)");
        }
        if (seq.HasData && seq.PeekTag().HasSameClassAndValue(ExtensionsTag))
        {
            var extensions = seq.ReadSequence(ExtensionsTag);
            if (!extensions.HasData)
                return RawRequest.Malformed("empty extensions field");
            while (extensions.HasData)
                ReadExtension(extensions);
            hasExtensions = true;
        }
        if (seq.HasData)
            return RawRequest.Malformed("unexpected field in TimeStampReq");

        return new RawRequest(
            version,
            hashOid, paramsOk, [.. hashed], policy, nonce, certReq, hasExtensions, null);
    }

    private static void ReadExtension(AsnReader extensions)
    {
        var extension = extensions.ReadSequence();
        extension.ReadObjectIdentifier();
        if (extension.HasData && extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && !extension.ReadBoolean())
            throw new AsnContentException("critical FALSE must be omitted in DER");
        extension.ReadOctetString();
        extension.ThrowIfNotEmpty();
    }

    private sealed record RawRequest(
        BigInteger Version,
        string HashOid,
        bool HashParamsAcceptable,
        ImmutableArray<byte> HashedMessage,
        string? Policy,
        ImmutableArray<byte>? Nonce,
        bool CertReq,
        bool HasExtensions,
        string? Error)
    {
        public static RawRequest Malformed(string error) => new(0, "", false, [], null, null, false, false, error);
    }
}

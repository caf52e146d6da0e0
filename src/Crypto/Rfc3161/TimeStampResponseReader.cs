using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Text;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>Decodes a TimeStampResp (RFC 3161 §2.4.2) under strict DER. Never throws on bad input.</summary>
public static class TimeStampResponseReader
{
    public static bool TryRead(ReadOnlyMemory<byte> der, [NotNullWhen(true)] out TimeStampResponse? response, [NotNullWhen(false)] out string? error)
    {
        response = null;
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var resp = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            var statusInfo = resp.ReadSequence();
            if (!statusInfo.TryReadInt32(out var status) || status is < 0 or > 5)
            {
                error = "PKIStatus out of range";
                return false;
            }
            string? text = null;
            if (statusInfo.HasData && statusInfo.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var freeText = statusInfo.ReadSequence();
                var builder = new StringBuilder();
                while (freeText.HasData)
                {
                    if (builder.Length > 0)
                        builder.Append("; ");
                    builder.Append(freeText.ReadCharacterString(UniversalTagNumber.UTF8String));
                }
                text = builder.ToString();
            }
            PkiFailureInfo? failInfo = null;
            if (statusInfo.HasData)
                failInfo = FirstBit(statusInfo.ReadBitString(out _));
            statusInfo.ThrowIfNotEmpty();
            ReadOnlyMemory<byte>? token = null;
            if (resp.HasData)
                token = resp.ReadEncodedValue();
            resp.ThrowIfNotEmpty();
            response = new TimeStampResponse(status, failInfo, text, token);
            error = null;
            return true;
        }
        catch (AsnContentException)
        {
            error = "not a DER-encoded TimeStampResp";
            return false;
        }
    }

    /// <summary>Decodes the TSTInfo of a TimeStampToken (ContentInfo DER) without verifying anything.</summary>
    public static bool TryReadTstInfo(ReadOnlyMemory<byte> token, [NotNullWhen(true)] out TstInfoSummary? tstInfo, [NotNullWhen(false)] out string? error)
    {
        tstInfo = null;
        try
        {
            tstInfo = TstInfoReader.Read(TimeStampTokenReader.Read(token).TstInfoDer);
            error = null;
            return true;
        }
        catch (AsnContentException)
        {
            error = "the token is not a well-formed DER CMS SignedData with a TSTInfo";
            return false;
        }
    }

    private static PkiFailureInfo? FirstBit(byte[] bits)
    {
        for (var i = 0; i < bits.Length * 8; i++)
        {
            if ((bits[i / 8] & (0x80 >> (i % 8))) != 0)
                return (PkiFailureInfo)i;
        }
        return null;
    }
}

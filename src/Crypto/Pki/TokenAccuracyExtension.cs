using System.Formats.Asn1;
using System.Numerics;

namespace CcTsa.Crypto.Pki;

/// <summary>
/// The non-critical TSA-certificate extension that binds the accuracy every token of the epoch
/// states (TSTInfo accuracy) to the certificate, so a verifier reads the promise from the
/// certificate and a signer refuses a certificate promising something else than it enforces:
/// <c>TokenAccuracy ::= INTEGER -- microseconds, positive</c> under <see cref="ProjectOids.TokenAccuracy"/>.
/// </summary>
public static class TokenAccuracyExtension
{
    /// <summary>
    /// The accuracy the fleet states and enforces unless configured otherwise: the signers' default
    /// (<c>SignerNodeOptions.TokenAccuracy</c>) and the control plane's default (the value it asks
    /// the CA to bind and sends with InstallCertificate) both read this one constant.
    /// </summary>
    public static readonly TimeSpan FleetDefault = TimeSpan.FromSeconds(1);

    /// <summary>Largest value accepted when decoding (one day): beyond that it is not a time-stamp.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(1);

    public static byte[] Encode(TimeSpan accuracy)
    {
        if (accuracy <= TimeSpan.Zero || accuracy > Maximum)
            throw new ArgumentOutOfRangeException(nameof(accuracy), "accuracy must be positive and at most one day");
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteInteger((long)Math.Ceiling(accuracy.TotalMicroseconds));
        return writer.Encode();
    }

    /// <summary>The accuracy in an extension value, or null when it is not one INTEGER in range.</summary>
    public static TimeSpan? TryDecode(ReadOnlyMemory<byte> value)
    {
        try
        {
            var reader = new AsnReader(value, AsnEncodingRules.DER);
            BigInteger micros = reader.ReadInteger();
            reader.ThrowIfNotEmpty();
            if (micros <= 0 || micros > (BigInteger)Maximum.TotalMicroseconds) return null;
            return TimeSpan.FromMicroseconds((long)micros);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}

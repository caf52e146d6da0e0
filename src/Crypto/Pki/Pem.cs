using System.Diagnostics.CodeAnalysis;

namespace CcTsa.Crypto.Pki;

/// <summary>PEM text ⇄ DER (RFC 7468), over the runtime's strict PEM reader.</summary>
public static class Pem
{
    public const string Certificate = "CERTIFICATE";
    public const string CertificateRequest = "CERTIFICATE REQUEST";
    public const string X509Crl = "X509 CRL";
    public const string PrivateKey = "PRIVATE KEY";

    public static string Encode(string label, ReadOnlySpan<byte> der) => new string(System.Security.Cryptography.PemEncoding.Write(label, der)) + "\n";

    /// <summary>The first PEM block with <paramref name="label"/>, or false when there is none.</summary>
    public static bool TryDecode(string text, string label, [NotNullWhen(true)] out byte[]? der)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.AsSpan();
        while (System.Security.Cryptography.PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual(label))
            {
                der = Convert.FromBase64String(rest[fields.Base64Data].ToString());
                return true;
            }
            rest = rest[fields.Location.End.GetOffset(rest.Length)..];
        }
        der = null;
        return false;
    }

    /// <summary>Every PEM block with <paramref name="label"/>, in order (certificate bundles).</summary>
    public static IReadOnlyList<byte[]> DecodeAll(string text, string label)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<byte[]>();
        var rest = text.AsSpan();
        while (System.Security.Cryptography.PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual(label))
                result.Add(Convert.FromBase64String(rest[fields.Base64Data].ToString()));
            rest = rest[fields.Location.End.GetOffset(rest.Length)..];
        }
        return result;
    }
}

using System.Text;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;

namespace CcTsa.Crypto.Attestation;

/// <summary>Reads one or more X.509 certificates given as DER or PEM (AMD ships both).</summary>
internal static class CertificateReader
{
    public static IReadOnlyList<X509Certificate> ReadAll(ReadOnlySpan<byte> encoded)
    {
        var result = new List<X509Certificate>();
        var parser = new X509CertificateParser();
        try
        {
            if (encoded.Length > 0 && encoded[0] == 0x30)
            {
                result.Add(parser.ReadCertificate(encoded.ToArray()) ?? throw new CertificateException("empty"));
                return result;
            }
            var text = Encoding.ASCII.GetString(encoded);
            const string begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----";
            var at = 0;
            while ((at = text.IndexOf(begin, at, StringComparison.Ordinal)) >= 0)
            {
                var stop = text.IndexOf(end, at, StringComparison.Ordinal);
                if (stop < 0) break;
                var body = text[(at + begin.Length)..stop];
                result.Add(parser.ReadCertificate(Convert.FromBase64String(body)) ?? throw new CertificateException("empty"));
                at = stop + end.Length;
            }
        }
        catch (Exception e) when (e is CertificateException or FormatException or IOException or ArgumentException or InvalidCastException)
        {
            return [];
        }
        return result;
    }
}

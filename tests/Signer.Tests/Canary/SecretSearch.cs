using System.Text;

namespace CcTsa.Signer.Tests.Canary;

/// <summary>
/// Finds a secret in captured bytes in any of the forms it could take: raw, hex (either case) and
/// base64 (standard and URL-safe) at each of the three byte alignments it could have inside a
/// longer encoded value.
/// </summary>
internal static class SecretSearch
{
    public static IReadOnlyList<byte[]> Patterns(byte[] secret)
    {
        var patterns = new List<byte[]>
        {
            secret,
            Encoding.ASCII.GetBytes(Convert.ToHexStringLower(secret)),
            Encoding.ASCII.GetBytes(Convert.ToHexString(secret)),
        };
        for (int pad = 0; pad < 3; pad++)
        {
            var padded = new byte[pad + secret.Length];
            secret.CopyTo(padded, pad);
            var b64 = Convert.ToBase64String(padded);
            // Characters of whole 3-byte groups that hold only secret bytes (independent of the neighbours).
            var start = pad == 0 ? 0 : 4;
            var wholeGroups = (padded.Length / 3) - (pad == 0 ? 0 : 1);
            var core = b64.Substring(start, wholeGroups * 4);
            patterns.Add(Encoding.ASCII.GetBytes(core));
            patterns.Add(Encoding.ASCII.GetBytes(core.Replace('+', '-').Replace('/', '_')));
        }
        return patterns;
    }

    public static bool Leaks(byte[] secret, IEnumerable<byte[]> haystacks)
    {
        var patterns = Patterns(secret);
        return haystacks.Any(h => patterns.Any(p => h.AsSpan().IndexOf(p) >= 0));
    }
}

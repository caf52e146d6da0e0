using System.Text;

namespace CcTsa.Signer.Tests.Canary;

/// <summary>
/// Finds secrets in captured bytes in any of the forms they could take: raw, hex (either case) and
/// base64 (standard and URL-safe) at each of the three byte alignments a secret could have inside
/// a longer encoded value. Many secrets × many megabytes: patterns are grouped by length and
/// matched with one rolling hash pass per length (Rabin–Karp), then confirmed byte by byte.
/// </summary>
internal static class SecretSearch
{
    private const ulong Base = 1_099_511_628_211UL;

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

    public static bool Leaks(byte[] secret, IEnumerable<byte[]> haystacks) => FindLeaks([secret], haystacks).Count > 0;

    /// <summary>Indexes (into <paramref name="secrets"/>) of every secret found in any haystack.</summary>
    public static IReadOnlySet<int> FindLeaks(IReadOnlyList<byte[]> secrets, IEnumerable<byte[]> haystacks)
    {
        var byLength = new Dictionary<int, Dictionary<ulong, List<(byte[] Pattern, int Secret)>>>();
        for (int i = 0; i < secrets.Count; i++)
            foreach (var p in Patterns(secrets[i]))
            {
                if (!byLength.TryGetValue(p.Length, out var table)) byLength[p.Length] = table = [];
                var h = Hash(p);
                if (!table.TryGetValue(h, out var list)) table[h] = list = [];
                list.Add((p, i));
            }
        var found = new HashSet<int>();
        foreach (var haystack in haystacks)
            foreach (var (length, table) in byLength)
                Scan(haystack, length, table, found);
        return found;
    }

    private static void Scan(byte[] haystack, int length, Dictionary<ulong, List<(byte[] Pattern, int Secret)>> table, HashSet<int> found)
    {
        if (haystack.Length < length) return;
        ulong power = 1;
        for (int i = 1; i < length; i++) power *= Base;
        ulong h = 0;
        for (int i = 0; i < length; i++) h = (h * Base) + haystack[i];
        for (int start = 0; ; start++)
        {
            if (table.TryGetValue(h, out var candidates))
                foreach (var (pattern, secret) in candidates)
                    if (haystack.AsSpan(start, length).SequenceEqual(pattern)) found.Add(secret);
            if (start + length >= haystack.Length) return;
            h = ((h - (haystack[start] * power)) * Base) + haystack[start + length];
        }
    }

    private static ulong Hash(byte[] data)
    {
        ulong h = 0;
        foreach (var b in data) h = (h * Base) + b;
        return h;
    }
}

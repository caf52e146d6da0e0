using System.Formats.Asn1;
using System.Numerics;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Crypto.Tests.Fuzz;

/// <summary>
/// Reusable input generator for the RFC 3161 front: mutations of valid requests (bit flips, byte
/// writes, inserts, deletes, truncation, chunk duplication, splices, length-byte tampering) mixed
/// with structure-aware cases (valid requests with random hash/length/policy/nonce/extension/
/// version, wrong tags, deep nesting, huge length claims, oversize bodies). Deterministic for a
/// seed, so a failing input can be replayed. Aim it at the parser, or at POST /tsa.
/// </summary>
public sealed class MutationFuzzer
{
    private static readonly string[] HashOids =
    [
        "2.16.840.1.101.3.4.2.1", "2.16.840.1.101.3.4.2.2", "2.16.840.1.101.3.4.2.3", "2.16.840.1.101.3.4.2.8",
        "2.16.840.1.101.3.4.2.9", "1.3.14.3.2.26", "1.2.840.113549.2.5", "2.16.840.1.101.3.4.2.4", "1.2.3",
    ];
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0x81, 0x82, 0x84, 0xFF, 0x30, 0x31, 0x02, 0x04, 0x05, 0x06, 0xA0];

    private readonly Random _random;
    private readonly IReadOnlyList<byte[]> _seeds;
    private readonly IReadOnlyList<string> _policies;

    public MutationFuzzer(int seed, IReadOnlyList<string> policies, IReadOnlyList<byte[]>? seeds = null)
    {
        _random = new Random(seed);
        _policies = policies;
        _seeds = seeds ?? [.. Enumerable.Range(0, 64).Select(_ => ValidRequest())];
    }

    public IEnumerable<byte[]> Inputs(int count)
    {
        for (var i = 0; i < count; i++)
            yield return Next();
    }

    /// <summary>One input: 70% mutated seed, 30% structure-aware.</summary>
    public byte[] Next() => _random.Next(10) < 7 ? Mutate(_seeds[_random.Next(_seeds.Count)]) : Structured();

    public byte[] Mutate(byte[] seed)
    {
        var data = new List<byte>(seed);
        var rounds = 1 + _random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            var at = data.Count == 0 ? 0 : _random.Next(data.Count);
            switch (_random.Next(9))
            {
                case 0 when data.Count > 0: data[at] ^= (byte)(1 << _random.Next(8)); break;
                case 1 when data.Count > 0: data[at] = Interesting[_random.Next(Interesting.Length)]; break;
                case 2: data.Insert(at, (byte)_random.Next(256)); break;
                case 3 when data.Count > 0: data.RemoveAt(at); break;
                case 4 when data.Count > 0: data.RemoveRange(at, data.Count - at); break;
                case 5 when data.Count > 0:
                    var len = Math.Min(1 + _random.Next(16), data.Count - at);
                    data.InsertRange(at, data.GetRange(at, len));
                    break;
                case 6:
                    var other = _seeds[_random.Next(_seeds.Count)];
                    var from = _random.Next(other.Length);
                    data.InsertRange(at, other.Skip(from).Take(1 + _random.Next(24)));
                    break;
                case 7 when data.Count > 1: data[Math.Min(1, data.Count - 1)] = (byte)(0x80 | _random.Next(1, 5)); break; // long-form length
                default: data.Add((byte)_random.Next(256)); break; // trailing garbage
            }
        }
        return [.. data];
    }

    public byte[] Structured() => _random.Next(8) switch
    {
        0 => ValidRequest(),
        1 => Request(HashOids[_random.Next(HashOids.Length)], _random.Next(0, 80), _random.Next(3) == 0 ? _random.Next(-1, 4) : 1),
        2 => DeepNesting(1 + _random.Next(200)),
        3 => [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, .. RandomBytes(_random.Next(16))], // huge length claim
        4 => RandomBytes(_random.Next(0, 300)),
        5 => _random.Next(50) == 0 ? RandomBytes(TimeStampRequestParser.MaxRequestBytes + 1 + _random.Next(1024)) : RandomBytes(_random.Next(1, 8)),
        6 => WithExtension(),
        _ => WrongTags(),
    };

    public byte[] ValidRequest()
    {
        var algorithm = (ImprintAlgorithm)_random.Next(5);
        var hash = RandomBytes(ImprintAlgorithms.Length(algorithm));
        var policy = _random.Next(3) == 0 ? _policies[_random.Next(_policies.Count)] : null;
        BigInteger? nonce = _random.Next(4) == 0 ? null : new BigInteger(RandomBytes(1 + _random.Next(16)), isUnsigned: _random.Next(2) == 0, isBigEndian: true);
        return TimeStampRequestEncoder.Encode(algorithm, hash, policy, nonce, _random.Next(2) == 0);
    }

    private byte[] Request(string oid, int hashLength, int version)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(version);
            using (w.PushSequence())
            {
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(oid);
                    if (_random.Next(2) == 0)
                        w.WriteNull();
                }
                w.WriteOctetString(RandomBytes(hashLength));
            }
            if (_random.Next(3) == 0)
                w.WriteObjectIdentifier("1.2." + _random.Next(1, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return w.Encode();
    }

    private byte[] WithExtension()
    {
        var valid = ValidRequest();
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier("1.3.6.1.4.1." + _random.Next(1, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (_random.Next(2) == 0)
                w.WriteBoolean(true);
            w.WriteOctetString(RandomBytes(_random.Next(8)));
        }
        var ext = w.Encode();
        var body = new AsnReader(valid, AsnEncodingRules.DER).ReadSequence();
        var outer = new AsnWriter(AsnEncodingRules.DER);
        using (outer.PushSequence())
        {
            while (body.HasData)
                outer.WriteEncodedValue(body.ReadEncodedValue().Span);
            outer.WriteEncodedValue(ext);
        }
        return outer.Encode();
    }

    private byte[] WrongTags()
    {
        var valid = ValidRequest();
        var at = _random.Next(valid.Length);
        valid[at] = Interesting[_random.Next(Interesting.Length)];
        return valid;
    }

    private static byte[] DeepNesting(int depth)
    {
        var data = new byte[] { 0x05, 0x00 };
        for (var i = 0; i < depth; i++)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
                w.WriteEncodedValue(data);
            data = w.Encode();
        }
        return data;
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }
}

using System.Formats.Asn1;

namespace CcTsa.Testing;

/// <summary>
/// Deterministic fuzz inputs for RFC 3161 TimeStampReq consumers (parser, HTTP front, bus front):
/// half structure-aware (a grammar of TimeStampReq with every field drawn from valid, boundary and
/// hostile choices: wrong tags, odd versions, unknown OIDs, imprint lengths, huge nonces,
/// extensions, trailing fields, deep nesting, BER-only encodings), half mutations of valid requests
/// (bit flips, interesting bytes, inserted/deleted/duplicated ranges, truncation, splices, length
/// tampering). BCL only, so every test project can compile it. Same seed, same sequence.
/// </summary>
public sealed class TimestampRequestFuzzer(int seed)
{
    public static readonly string[] AllowedHashOids =
    [
        "2.16.840.1.101.3.4.2.1", "2.16.840.1.101.3.4.2.2", "2.16.840.1.101.3.4.2.3",
        "2.16.840.1.101.3.4.2.8", "2.16.840.1.101.3.4.2.9",
    ];

    private static readonly int[] AllowedLengths = [32, 48, 64, 32, 48];

    private static readonly string[] OtherOids =
    [
        "1.3.14.3.2.26", "1.2.840.113549.2.5", "2.16.840.1.101.3.4.2.4", "2.16.840.1.101.3.4.2.10",
        "1.2.3.4", "2.999.1", "1.3.6.1.4.1.4146.2.3", "2.5.29.37",
    ];

    private static readonly byte[] Interesting = [0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x30, 0x31, 0x7F, 0x80, 0x81, 0x82, 0x84, 0xA0, 0xFF];

    private readonly Random _random = new(seed);
    private readonly List<byte[]> _seeds = [];

    /// <summary>Policies the TSA under test offers; structure-aware cases pick them often so that valid requests get through.</summary>
    public IReadOnlyList<string> OfferedPolicies { get; init; } = [];

    /// <summary>The next input and whether it came from the grammar (true) or from mutation (false).</summary>
    public (byte[] Input, bool Structured) Next()
    {
        if (_seeds.Count == 0)
        {
            for (var i = 0; i < 16; i++)
                _seeds.Add(ValidRequest());
        }
        return _random.Next(2) == 0 ? (Structured(), true) : (Mutate(_seeds[_random.Next(_seeds.Count)]), false);
    }

    /// <summary>A valid request: allowed algorithm and length, optional offered policy, nonce and certReq.</summary>
    public byte[] ValidRequest()
    {
        var a = _random.Next(AllowedHashOids.Length);
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(1);
            Imprint(w, AllowedHashOids[a], Bytes(AllowedLengths[a]), withNullParams: _random.Next(4) == 0);
            if (OfferedPolicies.Count > 0 && _random.Next(3) == 0)
                w.WriteObjectIdentifier(OfferedPolicies[_random.Next(OfferedPolicies.Count)]);
            if (_random.Next(4) != 0)
                w.WriteIntegerUnsigned(Positive(_random.Next(1, 17)));
            if (_random.Next(2) == 0)
                w.WriteBoolean(true);
        }
        return w.Encode();
    }

    private byte[] Structured()
    {
        var w = new AsnWriter(AsnEncodingRules.BER);
        using (_random.Next(20) == 0 ? w.PushSetOf() : w.PushSequence())
        {
            switch (_random.Next(12))
            {
                case 0: w.WriteInteger(_random.Next(-2, 4)); break;
                case 1: w.WriteIntegerUnsigned(Positive(_random.Next(1, 40))); break;
                case 2: break; // missing version
                default: w.WriteInteger(1); break;
            }
            if (_random.Next(15) != 0)
                StructuredImprint(w);
            if (_random.Next(3) == 0)
                w.WriteObjectIdentifier(PickPolicy());
            switch (_random.Next(6))
            {
                case 0: break;
                case 1: w.WriteIntegerUnsigned(Positive(_random.Next(1, 300))); break;
                case 2: w.WriteInteger(-_random.Next(1, 1000)); break;
                default: w.WriteIntegerUnsigned(Positive(8)); break;
            }
            switch (_random.Next(6))
            {
                case 0: w.WriteBoolean(false); break; // DEFAULT FALSE encoded: not DER
                case 1: w.WriteBoolean(true); break;
                default: break;
            }
            if (_random.Next(5) == 0)
                Extensions(w);
            if (_random.Next(12) == 0)
                w.WriteOctetString(Bytes(_random.Next(0, 20))); // unexpected trailing field
            if (_random.Next(40) == 0)
                Nest(w, _random.Next(1, 200));
        }
        var encoded = w.Encode();
        return _random.Next(10) == 0 ? [.. encoded, .. Bytes(_random.Next(1, 8))] : encoded;
    }

    private void StructuredImprint(AsnWriter w)
    {
        var allowed = _random.Next(3) != 0;
        var index = _random.Next(AllowedHashOids.Length);
        var oid = allowed ? AllowedHashOids[index] : OtherOids[_random.Next(OtherOids.Length)];
        var length = _random.Next(4) switch
        {
            0 => _random.Next(0, 130),
            _ => allowed ? AllowedLengths[index] : 20,
        };
        using (w.PushSequence())
        {
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(oid);
                switch (_random.Next(8))
                {
                    case 0: w.WriteNull(); break;
                    case 1: w.WriteOctetString(Bytes(3)); break;
                    default: break;
                }
            }
            if (_random.Next(12) == 0)
                w.WriteBitString(Bytes(length));
            else
                w.WriteOctetString(Bytes(length));
        }
    }

    private void Extensions(AsnWriter w)
    {
        using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
        {
            var count = _random.Next(0, 3);
            for (var i = 0; i < count; i++)
            {
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(OtherOids[_random.Next(OtherOids.Length)]);
                    if (_random.Next(2) == 0)
                        w.WriteBoolean(true);
                    w.WriteOctetString(Bytes(_random.Next(0, 16)));
                }
            }
        }
    }

    private void Nest(AsnWriter w, int depth)
    {
        if (depth == 0)
        {
            w.WriteNull();
            return;
        }
        using (w.PushSequence())
            Nest(w, depth - 1);
    }

    private string PickPolicy() =>
        OfferedPolicies.Count > 0 && _random.Next(2) == 0
            ? OfferedPolicies[_random.Next(OfferedPolicies.Count)]
            : OtherOids[_random.Next(OtherOids.Length)];

    private static void Imprint(AsnWriter w, string oid, byte[] hash, bool withNullParams)
    {
        using (w.PushSequence())
        {
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(oid);
                if (withNullParams)
                    w.WriteNull();
            }
            w.WriteOctetString(hash);
        }
    }

    private byte[] Mutate(byte[] input)
    {
        var data = new List<byte>(input);
        var rounds = 1 + _random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            switch (_random.Next(9))
            {
                case 0 when data.Count > 0:
                    var bit = _random.Next(data.Count * 8);
                    data[bit / 8] ^= (byte)(1 << (bit % 8));
                    break;
                case 1 when data.Count > 0:
                    data[_random.Next(data.Count)] = Interesting[_random.Next(Interesting.Length)];
                    break;
                case 2:
                    data.InsertRange(_random.Next(data.Count + 1), Bytes(_random.Next(1, 9)));
                    break;
                case 3 when data.Count > 1:
                    var at = _random.Next(data.Count);
                    data.RemoveRange(at, Math.Min(data.Count - at, _random.Next(1, 9)));
                    break;
                case 4 when data.Count > 1:
                    var from = _random.Next(data.Count);
                    var len = Math.Min(data.Count - from, _random.Next(1, 32));
                    data.InsertRange(_random.Next(data.Count + 1), data.GetRange(from, len));
                    break;
                case 5 when data.Count > 1:
                    var keep = _random.Next(data.Count);
                    data.RemoveRange(keep, data.Count - keep);
                    break;
                case 6:
                    var other = _seeds[_random.Next(_seeds.Count)];
                    var cut = _random.Next(Math.Min(data.Count, other.Length) + 1);
                    data = [.. data.Take(cut), .. other.Skip(cut)];
                    break;
                case 7 when data.Count > 2:
                    // length tampering: long form, indefinite, huge
                    var pos = 1 + _random.Next(data.Count - 1);
                    data[pos] = (byte)(_random.Next(3) switch { 0 => 0x80, 1 => 0x84, _ => 0xFF });
                    break;
                default:
                    data.AddRange(Bytes(_random.Next(1, 4)));
                    break;
            }
        }
        return [.. data];
    }

    /// <summary>Random big-endian magnitude without a leading zero byte (DER minimal).</summary>
    private byte[] Positive(int count)
    {
        var b = Bytes(count);
        b[0] |= 0x01;
        return b;
    }

    private byte[] Bytes(int count)
    {
        var b = new byte[count];
        _random.NextBytes(b);
        return b;
    }
}

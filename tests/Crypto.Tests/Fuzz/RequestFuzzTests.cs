using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Crypto.Tests.Rfc3161;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace CcTsa.Crypto.Tests.Fuzz;

/// <summary>
/// ≥ 100,000 fuzz inputs through parser + reply renderer: nothing throws, every input gets a
/// well-formed TimeStampResp (granted with a token that verifies, or a rejection carrying the
/// failInfo the parser chose). Figures are printed and recorded in docs/SECURITY.md.
/// </summary>
public sealed class RequestFuzzTests : IClassFixture<RequestFuzzTests.Tsa>
{
    public sealed class Tsa : IDisposable
    {
        public TestTsa Value { get; } = new();
        public void Dispose() => Value.Dispose();
    }

    public const int Inputs = 100_000;
    private readonly TestTsa _tsa;
    private readonly ITestOutputHelper _output;

    public RequestFuzzTests(Tsa tsa, ITestOutputHelper output)
    {
        _tsa = tsa.Value;
        _output = output;
    }

    [Fact]
    public void Fuzz_100k_inputs_always_get_a_well_formed_reply()
    {
        var fuzzer = new MutationFuzzer(seed: 3161, [TestTsa.Policy, TestTsa.OtherPolicy]);
        var tally = new FuzzTally();
        var fields = new TstInfoFields(SerialNumber.NewRandom(), TestTsa.Now, TimeSpan.FromMicroseconds(50));
        foreach (var input in fuzzer.Inputs(Inputs))
        {
            byte[] reply;
            if (TimeStampRequestParser.TryParse(input, _tsa.Policies, out var request, out var rejection))
            {
                var prepared = TokenBuilder.Prepare(request, fields with { Serial = SerialNumber.NewRandom() }, _tsa.Certificate);
                reply = prepared.Complete(_tsa.Signer.Sign(prepared.SignedAttributesDer.Span));
                tally.Accepted();
            }
            else
            {
                reply = TimeStampResponseEncoder.EncodeRejection(rejection);
                tally.Rejected(rejection.FailInfo);
            }
            Assert.True(TimeStampResponseReader.TryRead(reply, out var parsed, out var error), error);
            if (request is not null)
            {
                Assert.True(parsed.IsGranted);
                Assert.True(TimeStampResponseReader.TryReadTstInfo(parsed.Token!.Value, out var info, out _));
                Assert.True(info.HashedMessage.AsSpan().SequenceEqual(request.HashedMessage.AsSpan()));
            }
            else
            {
                Assert.Equal(2, parsed.Status);
                Assert.Equal(rejection!.FailInfo, parsed.FailInfo);
            }
        }
        _output.WriteLine(tally.ToString());
        Assert.Equal(Inputs, tally.Total);
        // the campaign must exercise both sides and every parser-reachable failInfo
        Assert.True(tally.Count("granted") > 1000, tally.ToString());
        foreach (var failInfo in new[] { PkiFailureInfo.BadAlg, PkiFailureInfo.BadRequest, PkiFailureInfo.BadDataFormat, PkiFailureInfo.UnacceptedPolicy, PkiFailureInfo.UnacceptedExtension })
            Assert.True(tally.Count("rejection/" + failInfo) > 0, failInfo + " never hit: " + tally);
    }

    [Property(MaxTest = 2000)]
    public bool Parse_of_any_bytes_never_throws_and_renders_a_readable_reply(byte[] input)
    {
        if (TimeStampRequestParser.TryParse(input, _tsa.Policies, out _, out var rejection))
            return true;
        var reply = TimeStampResponseEncoder.EncodeRejection(rejection);
        return TimeStampResponseReader.TryRead(reply, out var parsed, out _) && parsed.FailInfo == rejection.FailInfo;
    }

    [Property(MaxTest = 500)]
    public bool Encode_then_parse_round_trips(bool certReq, ulong nonce, byte algorithmPick, bool withPolicy)
    {
        var algorithm = (ImprintAlgorithm)(algorithmPick % 5);
        var hash = new byte[ImprintAlgorithms.Length(algorithm)];
        Random.Shared.NextBytes(hash);
        var der = TimeStampRequestEncoder.Encode(algorithm, hash, withPolicy ? TestTsa.OtherPolicy : null, nonce, certReq);
        return TimeStampRequestParser.TryParse(der, _tsa.Policies, out var request, out _)
            && request.Algorithm == algorithm
            && request.HashedMessage.AsSpan().SequenceEqual(hash)
            && request.CertReq == certReq
            && request.Policy == (withPolicy ? TestTsa.OtherPolicy : TestTsa.Policy)
            && new System.Numerics.BigInteger(request.Nonce!.Value.AsSpan(), isBigEndian: true) == nonce;
    }

    [Property(MaxTest = 300)]
    public bool Mutated_valid_request_never_throws(int seed)
    {
        var fuzzer = new MutationFuzzer(seed, [TestTsa.Policy]);
        foreach (var input in fuzzer.Inputs(20))
        {
            if (!TimeStampRequestParser.TryParse(input, _tsa.Policies, out _, out var rejection) &&
                !TimeStampResponseReader.TryRead(TimeStampResponseEncoder.EncodeRejection(rejection), out _, out _))
                return false;
        }
        return true;
    }
}

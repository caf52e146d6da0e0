using System.Diagnostics;
using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using NSec.Cryptography;

namespace CcTsa.Bench.Embedded;

/// <summary>
/// End-to-end embedded signing throughput (Stopwatch, not BenchmarkDotNet: one run is seconds of
/// bus traffic). Five <see cref="CcTsa.Signer.SignerNode"/>s on the in-memory bus sign
/// <c>tokens</c> RFC 3161 tokens as <c>concurrency</c> batches in flight at once (coordinators
/// round-robin), after a warm-up. The baseline, in the same process and run, issues the same
/// tokens with one in-memory Ed25519 key (NSec) through TokenBuilder.IssueAsync, same concurrency.
/// Usage: <c>dotnet run -c Release --project bench/CcTsa.Bench -- embedded [tokens] [batchSize] [rounds]</c>.
/// </summary>
internal static class EmbeddedSigningBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        int tokens = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000;
        int batchSize = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 250;
        int rounds = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 3;
        Console.WriteLine($"embedded signing: {tokens} tokens, batches of {batchSize} ({tokens / batchSize} in flight), {rounds} rounds, {Environment.ProcessorCount} cores");

        await using var fleet = await BenchFleet.StartAsync();
        const int epoch = 1;
        await fleet.DkgAndCertifyAsync(epoch);
        using var baseline = BaselineSigner.Create();

        await FrostOnceAsync(fleet, epoch, batchSize, batchSize); // warm-up: JIT, commitment stock
        await BaselineOnceAsync(baseline, batchSize, batchSize);
        for (int r = 1; r <= rounds; r++)
        {
            var cpu = ProcessCpu();
            var frost = await FrostOnceAsync(fleet, epoch, tokens, batchSize);
            // process CPU (all threads: five nodes, bus, GC) per token: steadier than tokens/s on shared cores
            var coreMs = (ProcessCpu() - cpu).TotalMilliseconds / tokens;
            var single = await BaselineOnceAsync(baseline, tokens, batchSize);
            Console.WriteLine($"round {r}: FROST 3-of-5 embedded {frost:0} tokens/s, {coreMs:0.00} core-ms per token; single-key Ed25519 {single:0} tokens/s; ratio {single / frost:0.0}x");
        }
        return 0;
    }

    private static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static async Task<double> FrostOnceAsync(BenchFleet fleet, int epoch, int tokens, int batchSize)
    {
        var batches = Enumerable.Range(0, tokens / batchSize).Select(b => Requests(batchSize, b * batchSize)).ToList();
        var sw = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(batches.Select((items, b) => fleet.SignAsync(fleet.Nodes[b % fleet.Nodes.Count], epoch, items)));
        sw.Stop();
        foreach (var o in outcomes)
            if (o is not TimestampBatchSigned s || s.Tokens.Count != batchSize)
                throw new InvalidOperationException("batch not signed: " + (o as SigningFailed)?.Detail);
        return tokens / sw.Elapsed.TotalSeconds;
    }

    private static async Task<double> BaselineOnceAsync(BaselineSigner signer, int tokens, int batchSize)
    {
        var batches = Enumerable.Range(0, tokens / batchSize).Select(b => Requests(batchSize, b * batchSize)).ToList();
        var policies = new TsaPolicySet(BenchFleet.Policy);
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(batches.Select(items => Task.Run(async () =>
        {
            var genTime = DateTimeOffset.UtcNow;
            foreach (var item in items)
            {
                if (!TimeStampRequestParser.TryParse(item.RequestDer, policies, out var request, out var rejection))
                    throw new InvalidOperationException(rejection.StatusText);
                var fields = new TstInfoFields(SerialNumber.NewRandom(), genTime, TimeSpan.FromSeconds(1));
                _ = await TokenBuilder.IssueAsync(request, fields, signer.Certificate, signer, CancellationToken.None);
            }
        })));
        sw.Stop();
        return tokens / sw.Elapsed.TotalSeconds;
    }

    internal static List<TimestampToSign> Requests(int count, int seed) =>
        [.. Enumerable.Range(seed, count).Select(i => new TimestampToSign(Guid.NewGuid(),
            TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, SHA256.HashData(BitConverter.GetBytes(i)), null, 1000 + i, true)))];

    /// <summary>One in-memory Ed25519 key (NSec/libsodium) with a dev-CA TSA certificate: the single-key baseline.</summary>
    private sealed class BaselineSigner : ITokenSigner, IDisposable
    {
        private readonly Key _key;

        private BaselineSigner(Key key, TsaCertificate certificate)
        {
            _key = key;
            Certificate = certificate;
        }

        public TsaCertificate Certificate { get; }

        public TokenSignatureAlgorithm Algorithm => TokenSignatureAlgorithm.Ed25519;

        public static BaselineSigner Create()
        {
            var key = Key.Create(SignatureAlgorithm.Ed25519);
            var now = DateTimeOffset.UtcNow;
            using var ca = DevCertificateAuthority.Create("CN=CC-TSA Bench Root,O=CC-TSA", now.AddDays(-1), now.AddYears(5));
            var csr = new CsrBuilder("CN=CC-TSA Bench single key,O=CC-TSA", key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
            var signature = SignatureAlgorithm.Ed25519.Sign(key, csr.ToBeSigned.Span);
            var terms = new TsaCertificateTerms(now.AddDays(-1), now.AddYears(2), new KeyEpoch(1), [.. SHA384.HashData("cctsa-signer"u8)]);
            var issued = ca.IssueTsaCertificate(csr.Complete(signature), terms);
            if (!issued.IsOk) throw new InvalidOperationException(issued.Error.ToString());
            return new BaselineSigner(key, TsaCertificate.Parse(issued.Value));
        }

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signedAttributesDer, CancellationToken cancellationToken) =>
            ValueTask.FromResult(SignatureAlgorithm.Ed25519.Sign(_key, signedAttributesDer.Span));

        public void Dispose() => _key.Dispose();

        public override string ToString() => "BaselineSigner([redacted])";
    }
}

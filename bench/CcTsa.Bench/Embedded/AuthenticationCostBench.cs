using System.Diagnostics;
using System.Globalization;
using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.Bench.Embedded;

/// <summary>
/// Issue 13's cost target: embedded FROST issuance throughput WITH node-signed protocol messages
/// (the production <c>MessageAuthenticator</c>) against WITHOUT (<see cref="PassThroughAuthentication"/>),
/// two five-node fleets in the same process, runs alternating (A B, then B A, …) so drift and
/// neighbours' load hit both sides alike. Prints each pair's ratio with/without and the median.
/// Usage: <c>dotnet run -c Release --project bench/CcTsa.Bench -- embedded-auth [tokens] [batchSize] [pairs]</c>.
/// </summary>
internal static class AuthenticationCostBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        int tokens = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        int batchSize = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 250;
        int pairs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 6;
        Console.WriteLine($"authentication cost: {tokens} tokens, batches of {batchSize}, {pairs} alternating pairs, {Environment.ProcessorCount} cores");

        const int epoch = 1;
        await using var with = await BenchFleet.StartAsync();
        await with.DkgAndCertifyAsync(epoch);
        await using var without = await BenchFleet.StartAsync(_ => new PassThroughAuthentication());
        await without.DkgAndCertifyAsync(epoch);
        if (with.Nodes.Sum(n => n.DroppedMessages.Total) != 0) throw new InvalidOperationException("the authenticated fleet dropped messages during set-up");

        await OnceAsync(with, epoch, batchSize, batchSize); // warm-up both
        await OnceAsync(without, epoch, batchSize, batchSize);
        var ratios = new List<double>();
        for (int p = 1; p <= pairs; p++)
        {
            double a, b;
            if (p % 2 == 1)
            {
                a = await OnceAsync(with, epoch, tokens, batchSize);
                b = await OnceAsync(without, epoch, tokens, batchSize);
            }
            else
            {
                b = await OnceAsync(without, epoch, tokens, batchSize);
                a = await OnceAsync(with, epoch, tokens, batchSize);
            }
            ratios.Add(a / b);
            Console.WriteLine($"pair {p} ({(p % 2 == 1 ? "with first" : "without first")}): with {a:0} tokens/s; without {b:0} tokens/s; with/without {a / b:0.000}");
        }
        ratios.Sort();
        var median = ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[ratios.Count / 2 - 1] + ratios[ratios.Count / 2]) / 2;
        Console.WriteLine($"median with/without {median:0.000} (min {ratios[0]:0.000}, max {ratios[^1]:0.000}); dropped by the authenticated fleet: {with.Nodes.Sum(n => n.DroppedMessages.Total)}");
        return 0;
    }

    private static async Task<double> OnceAsync(BenchFleet fleet, int epoch, int tokens, int batchSize)
    {
        var batches = Enumerable.Range(0, tokens / batchSize).Select(b => EmbeddedSigningBench.Requests(batchSize, b * batchSize)).ToList();
        var sw = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(batches.Select((items, b) => fleet.SignAsync(fleet.Nodes[b % fleet.Nodes.Count], epoch, items)));
        sw.Stop();
        foreach (var o in outcomes)
            if (o is not TimestampBatchSigned s || s.Tokens.Count != batchSize)
                throw new InvalidOperationException("batch not signed: " + (o as SigningFailed)?.Detail);
        return tokens / sw.Elapsed.TotalSeconds;
    }
}

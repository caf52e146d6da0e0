using System.CommandLine;
using CcTsa.Cli.Bench;
using CcTsa.ControlPlane.EventStore;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa bench [--url URL | --embedded] [--seconds N] [--concurrency C] [--policy OID|NAME]
/// [--json FILE] [--sweep 1,4,16,64] [--png FILE] [--token-file F] [--warmup N]`: closed-loop load over HTTP
/// keep-alive against a running TSA or an embedded one, a sample of tokens verified, and the
/// single-key baseline measured in the same run (<see cref="BenchRunner"/>). Exit 0 measured,
/// 1 a sampled token did not verify, 2 bad usage, 3 the TSA could not be reached or started.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "TSA endpoint to load, e.g. http://127.0.0.1:8318/tsa" };
        var embedded = new Option<bool>("--embedded") { Description = "Start the embedded TSA (as `cctsa up`, temporary data, ephemeral port) and load it" };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds per concurrency level (each also runs the baseline as long)", DefaultValueFactory = _ => 10 };
        var warmUp = new Option<int>("--warmup") { Description = "Unmeasured seconds of load before measuring, target and baseline each (JIT tiering, pools)", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight (closed loop)", DefaultValueFactory = _ => 16 };
        var policy = new Option<string?>("--policy") { Description = "Policy OID or name (ecdsa-p384, ed25519, ml-dsa-65, hybrid); default ecdsa-p384" };
        var json = new Option<string?>("--json") { Description = "Write the results as JSON to this file" };
        var sweep = new Option<string?>("--sweep") { Description = "Run each concurrency of a comma-separated list (e.g. 1,4,16,64) and plot tokens/s and p99" };
        var png = new Option<string?>("--png") { Description = "Where --sweep writes its PNG plot (default: next to --json)" };
        var tokenFile = new Option<string?>("--token-file") { Description = "File holding a bearer token, when the TSA at --url requires one" };
        var command = new Command("bench", "Measure a TSA: tokens/s, latency percentiles, errors, against a single-key baseline")
            { url, embedded, seconds, concurrency, policy, json, sweep, png, tokenFile, warmUp };
        command.SetAction(async (r, ct) =>
        {
            var error = r.InvocationConfiguration.Error;
            if (!BenchSettings.TryCreate(r.GetValue(url), r.GetValue(embedded), r.GetValue(seconds), r.GetValue(concurrency), r.GetValue(policy),
                    r.GetValue(json), r.GetValue(sweep), r.GetValue(png), r.GetValue(tokenFile), out var settings, out var why, r.GetValue(warmUp)))
            {
                await error.WriteLineAsync("cctsa bench: " + why).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (settings.Embedded && Contracts.Hosting.TimingEnvironment.FirstError() is { } timing)
            {
                await error.WriteLineAsync("cctsa bench: " + timing).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            try
            {
                return await new BenchRunner(settings, r.InvocationConfiguration.Output).RunAsync(ct).ConfigureAwait(false);
            }
            catch (CliException e)
            {
                await error.WriteLineAsync("cctsa bench: " + e.Message).ConfigureAwait(false);
                return e.ExitCode;
            }
            catch (Exception e) when (e is TimeoutException or IOException or HttpRequestException || StoreErrors.Translate(e) is StoreUnavailableException)
            {
                await error.WriteLineAsync("cctsa bench: the TSA could not be started or reached: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
        });
        return command;
    }
}

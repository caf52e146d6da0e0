using System.CommandLine;
using System.Net.Http.Json;
using CcTsa.ControlPlane.Api;
using Spectre.Console;

namespace CcTsa.Cli.Commands;

/// <summary>`cctsa status [--url http://127.0.0.1:8318] [--json]`: prints /api/cluster.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Control plane base URL", DefaultValueFactory = _ => "http://127.0.0.1:8318" };
        var json = new Option<bool>("--json") { Description = "Print the raw JSON of /api/cluster" };
        var status = new Command("status", "Show the cluster state, key epoch and nodes");
        status.Options.Add(url);
        status.Options.Add(json);
        status.SetAction(async (r, ct) =>
        {
            var error = r.InvocationConfiguration.Error;
            var output = r.InvocationConfiguration.Output;
            if (!Uri.TryCreate(r.GetValue(url), UriKind.Absolute, out var baseUri))
            {
                await error.WriteLineAsync("--url must be an absolute http(s) URL").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
            try
            {
                if (r.GetValue(json))
                {
                    await output.WriteLineAsync(await http.GetStringAsync(new Uri("/api/cluster", UriKind.Relative), ct).ConfigureAwait(false)).ConfigureAwait(false);
                    return ExitCodes.Ok;
                }
                var view = await http.GetFromJsonAsync<ClusterView>(new Uri("/api/cluster", UriKind.Relative), ct).ConfigureAwait(false);
                if (view is null) return ExitCodes.Unavailable;
                var table = new Table().AddColumns("node", "provider", "online", "attested", "share", "clock", "excluded");
                foreach (var n in view.Nodes)
                    table.AddRow(n.Id, n.Provider, Mark(n.Online), Mark(n.Attested), Mark(n.HoldsShare), Mark(n.ClockHealthy), n.Excluded ? "yes" : "");
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
                console.MarkupLine($"state [bold]{view.State}[/], epoch {view.Epoch}, public key {Markup.Escape(view.PublicKey ?? "-")}");
                // one key per policy of the epoch (issue 15): ed25519, ecdsa-p384
                foreach (var (policy, key) in view.PublicKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
                    console.MarkupLine($"  {Markup.Escape(policy)} key {Markup.Escape(key)}");
                console.Write(table);
                return ExitCodes.Ok;
            }
            catch (HttpRequestException e)
            {
                await error.WriteLineAsync($"Cannot reach {baseUri}: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                await error.WriteLineAsync($"{baseUri} did not answer in time").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
        });
        return status;
    }

    private static string Mark(bool b) => b ? "yes" : "no";
}

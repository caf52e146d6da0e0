using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using CcTsa.ControlPlane.Api;
using CcTsa.Contracts.Ids;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa fault kill|start|skew|clear|partition|heal|compromise … [--url] [--token-file F | --data DIR]`: dev fault injection
/// through the control plane's HTTP faults API (`cctsa up --faults`), and the operator's
/// compromise report (POST /api/incidents/compromise). Every call sends the operator token
/// (<see cref="CliToken"/>).
/// </summary>
public static class FaultCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Control plane base URL", DefaultValueFactory = _ => "http://127.0.0.1:8318", Recursive = true };
        var access = new Access(CliToken.FileOption(),
            new Option<string>("--data") { Description = "Data directory of the control plane (its operator-token is read)", DefaultValueFactory = _ => "./data", Recursive = true });
        var fault = new Command("fault", "Dev-only fault injection (needs `cctsa up --faults`) and compromise reports; sends the operator token");
        fault.Options.Add(url);
        fault.Options.Add(access.TokenFile);
        fault.Options.Add(access.Data);
        fault.Subcommands.Add(NodeVerb("kill", "Kill a node: its share is gone", url, access));
        fault.Subcommands.Add(NodeVerb("start", "Start a fresh node (no share) with that id", url, access));
        fault.Subcommands.Add(NodeVerb("clear", "Clear a node's injected clock skew", url, access));

        var skew = new Command("skew", "Skew a node's trusted clock");
        var skewNode = new Argument<string>("node");
        var offset = new Option<long>("--offset-micros") { Description = "Clock offset in microseconds", Required = true };
        skew.Arguments.Add(skewNode);
        skew.Options.Add(offset);
        skew.SetAction((r, ct) => PostAsync(r, url, access, $"/api/faults/{Node(r.GetValue(skewNode))}/skew?offsetMicros={r.GetValue(offset).ToString(CultureInfo.InvariantCulture)}", null, ct));
        fault.Subcommands.Add(skew);

        var partition = new Command("partition", "Split the fleet, e.g. `partition n1,n2,n3 n4,n5`");
        var groups = new Argument<string[]>("groups") { Arity = ArgumentArity.OneOrMore };
        partition.Arguments.Add(groups);
        partition.SetAction((r, ct) => PostAsync(r, url, access, "/api/faults/partition",
            new FaultsApi.PartitionRequest([.. (r.GetValue(groups) ?? []).Select(g => (IReadOnlyList<string>)g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]), ct));
        fault.Subcommands.Add(partition);

        var heal = new Command("heal", "Heal every partition");
        heal.SetAction((r, ct) => PostAsync(r, url, access, "/api/faults/heal", null, ct));
        fault.Subcommands.Add(heal);

        var compromise = new Command("compromise", "Report suspected compromise of nodes' shares, e.g. `compromise n2 --reason \"host breached\" --at 2026-01-01T00:00:00Z`");
        var nodes = new Argument<string[]>("nodes") { Arity = ArgumentArity.OneOrMore };
        var at = new Option<string?>("--at") { Description = "Compromise time (RFC 3339, not before the epoch's certificate); default now" };
        var reason = new Option<string>("--reason") { Description = "Why the shares are suspected (recorded in the audit log)", Required = true };
        var epoch = new Option<int?>("--epoch") { Description = "Key epoch the nodes' shares belong to; default the current one" };
        compromise.Arguments.Add(nodes);
        compromise.Options.Add(at);
        compromise.Options.Add(reason);
        compromise.Options.Add(epoch);
        compromise.SetAction((r, ct) => PostAsync(r, url, access, "/api/incidents/compromise",
            new IncidentsApi.CompromiseReport(r.GetValue(nodes), r.GetValue(at) ?? DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), r.GetValue(reason), r.GetValue(epoch)), ct));
        fault.Subcommands.Add(compromise);
        return fault;
    }

    /// <summary>--token-file and --data: where the operator token comes from.</summary>
    private sealed record Access(Option<string?> TokenFile, Option<string> Data);

    private static Command NodeVerb(string verb, string description, Option<string> url, Access access)
    {
        var command = new Command(verb, description);
        var node = new Argument<string>("node");
        command.Arguments.Add(node);
        command.SetAction((r, ct) => PostAsync(r, url, access, $"/api/faults/{Node(r.GetValue(node))}/{verb}", null, ct));
        return command;
    }

    // ids are checked here too so a typo never becomes a path segment
    private static string Node(string? text) => NodeId.TryParse(text, out var id) ? id.Value : "invalid-node-id";

    private static Task<int> PostAsync(ParseResult r, Option<string> url, Access access, string path, object? body, CancellationToken ct) =>
        OperatorCall.PostAsync(r, r.GetValue(url), r.GetValue(access.TokenFile), r.GetValue(access.Data), path, body, ct);
}

using System.CommandLine;
using System.Globalization;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.EventStore;

namespace CcTsa.Cli.Commands;

/// <summary>`cctsa audit query [--type T] [--node n1] [--after SEQ] [--from T] [--to T] [--limit N]`: a table of events.</summary>
internal static class AuditCommandQuery
{
    public static Command Create(AuditCommand.StoreOptions store)
    {
        var type = new Option<string?>("--type") { Description = "Event type (e.g. ClockViolation or clock_violation)" };
        var node = new Option<string?>("--node") { Description = "Only events mentioning this node (n1..n5)" };
        var after = new Option<long>("--after") { Description = "Only events after this sequence number" };
        var from = new Option<string?>("--from") { Description = "Earliest store time (ISO 8601)" };
        var to = new Option<string?>("--to") { Description = "Latest store time (ISO 8601)" };
        var limit = new Option<int>("--limit") { Description = "Rows to show", DefaultValueFactory = _ => AuditQuery.DefaultLimit };
        var query = new Command("query", "List audit events as a table") { type, node, after, from, to, limit };
        query.SetAction(async (r, ct) =>
        {
            NodeId? nodeId = null;
            if (r.GetValue(node) is { } n)
            {
                if (!NodeId.TryParse(n, out var id)) return await UsageAsync(r, "--node must be a node id such as n1").ConfigureAwait(false);
                nodeId = id;
            }
            if (!TryTime(r.GetValue(from), out var fromT) || !TryTime(r.GetValue(to), out var toT))
                return await UsageAsync(r, "--from/--to must be ISO 8601 times").ConfigureAwait(false);
            var filter = new AuditQueryFilter(r.GetValue(type), r.GetValue(after), fromT, toT, nodeId, r.GetValue(limit));
            return await AuditCommand.WithLogAsync(store, r, async (log, output, token) =>
            {
                var (page, error) = await new AuditQuery(log).EventsAsync(filter, token).ConfigureAwait(false);
                if (error is not null)
                {
                    await r.InvocationConfiguration.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                await output.WriteLineAsync($"{"SEQ",8}  {"TIME (UTC)",-26}  {"TYPE",-24}  {"NODES",-16}  {"HASH",-16}  DETAIL").ConfigureAwait(false);
                foreach (var e in page!.Events)
                {
                    var nodes = string.Join(',', EventNodes.Of(e.Data));
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{e.Sequence,8}  {e.Timestamp.UtcDateTime,-26:yyyy-MM-dd HH:mm:ss.ffffff}  {e.Type,-24}  {nodes,-16}  {e.Hash.Hex[..16]}  {EventSummary.Of(e.Data)}")).ConfigureAwait(false);
                }
                if (page.Next is { } next) await output.WriteLineAsync($"more: --after {next}").ConfigureAwait(false);
                return ExitCodes.Ok;
            }, ct).ConfigureAwait(false);
        });
        return query;
    }

    private static bool TryTime(string? s, out DateTimeOffset? t)
    {
        t = null;
        if (s is null) return true;
        if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v)) return false;
        t = v;
        return true;
    }

    private static async Task<int> UsageAsync(ParseResult r, string message)
    {
        await r.InvocationConfiguration.Error.WriteLineAsync(message).ConfigureAwait(false);
        return ExitCodes.Usage;
    }
}

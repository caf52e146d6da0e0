using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Runbooks;
using CcTsa.Contracts.Events.Cluster;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Faults;
using CcTsa.Crypto.Attestation;
using MassTransit;
using CcTsa.ControlPlane.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using PartitionRule = CcTsa.ControlPlane.Runbooks.Decisions.Partition;

namespace CcTsa.ControlPlane.Api;

/// <summary>
/// Dev-only fault injection, mapped only with --faults: kill/start a node (embedded cluster),
/// skew or clear its clock, partition the fleet and heal it. Faults reach nodes as InjectFault on
/// their own queues; nodes honour them only when started in fault mode.
/// </summary>
public static class FaultsApi
{
    public sealed record FaultDone(string Node, string Fault);

    public sealed record PartitionRequest(IReadOnlyList<IReadOnlyList<string>>? Groups);

    public static RouteGroupBuilder MapFaultsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/faults");
        // every fault is an operator action (bearer token, JSON bodies only: see ApiAccessGate)
        group.MapPost("/{node}/kill", KillAsync).DisableAntiforgery().RequireOperator();
        group.MapPost("/{node}/start", StartAsync).DisableAntiforgery().RequireOperator();
        group.MapPost("/{node}/skew", SkewAsync).DisableAntiforgery().RequireOperator();
        group.MapPost("/{node}/clear", ClearAsync).DisableAntiforgery().RequireOperator();
        group.MapPost("/partition", PartitionAsync).DisableAntiforgery().RequireOperator();
        group.MapPost("/heal", HealAsync).DisableAntiforgery().RequireOperator();
        return group;
    }

    public static async Task<Results<Ok<FaultDone>, ProblemHttpResult>> KillAsync(string node, [FromServices] INodeLifecycle? lifecycle, FleetDirector director, FleetOptions options, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(director);
        ArgumentNullException.ThrowIfNull(context);
        if (RosterNode(node, options, out var id) is { } refused) return refused;
        if (lifecycle is null) return NoLifecycle();
        if (!await lifecycle.KillAsync(id, context.RequestAborted).ConfigureAwait(false))
            return TypedResults.Problem($"{id} is not running", statusCode: StatusCodes.Status404NotFound, title: "Not running");
        await director.MarkLostAsync(id, "killed by the faults API", context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new FaultDone(id.Value, "kill"));
    }

    /// <summary>
    /// Starts a fresh node; query <c>provider</c> (another placement), <c>flaw</c> (a simulated
    /// attestation flaw: wrong-measurement, debug-policy, tcb-below-minimum, forged-report, vmpl-not-zero) and
    /// <c>measurement</c> (96 hex digits: a software update). A bad value is a 400 saying which.
    /// </summary>
    public static async Task<Results<Ok<FaultDone>, ProblemHttpResult>> StartAsync(
        string node, string? provider, string? flaw, string? measurement, [FromServices] INodeLifecycle? lifecycle, FleetOptions options, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RosterNode(node, options, out var id) is { } refused) return refused;
        if (lifecycle is null) return NoLifecycle();
        if (provider is not null && (string.IsNullOrWhiteSpace(provider) || provider.Length > 64))
            return Bad("provider must be a non-empty label of at most 64 characters");
        Measurement? launchMeasurement = null;
        if (measurement is not null)
        {
            if (!Measurement.TryParseHex(measurement, out var m))
                return Bad($"measurement must be 96 hex digits (SHA-384), got '{Trim(measurement)}'");
            launchMeasurement = m;
        }
        var started = await lifecycle.StartAsync(id, new NodeLaunchSpec(provider, string.IsNullOrEmpty(flaw) ? null : flaw, launchMeasurement), context.RequestAborted).ConfigureAwait(false);
        if (!started.TryGet(out var fresh, out var launchError)) return Bad(launchError);
        return fresh
            ? TypedResults.Ok(new FaultDone(id.Value, "start"))
            : TypedResults.Problem($"{id} is already running", statusCode: StatusCodes.Status409Conflict, title: "Already running");
    }

    public static async Task<Results<Ok<FaultDone>, ProblemHttpResult>> SkewAsync(string node, long? offsetMicros, IBus bus, FleetOptions options, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RosterNode(node, options, out var id) is { } refused) return refused;
        if (offsetMicros is not { } offset || Math.Abs(offset) > 3_600_000_000L)
            return Bad("offsetMicros must be an integer within ±1 hour");
        await SendAsync(bus, options, new InjectFault(id, FaultKind.ClockSkew, offset, []), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new FaultDone(id.Value, "skew"));
    }

    public static async Task<Results<Ok<FaultDone>, ProblemHttpResult>> ClearAsync(string node, IBus bus, FleetOptions options, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RosterNode(node, options, out var id) is { } refused) return refused;
        await SendAsync(bus, options, new InjectFault(id, FaultKind.Clear, 0, []), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new FaultDone(id.Value, "clear"));
    }

    public static async Task<Results<Ok<IReadOnlyList<IReadOnlyList<string>>>, ProblemHttpResult>> PartitionAsync(
        PartitionRequest? request, IBus bus, FleetState state, FleetOptions options, RunbookEngine engine, TimeProvider time, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(context);
        if (request?.Groups is not { } raw) return Bad("groups must be a list of node-id lists");
        var groups = new List<IReadOnlyList<NodeId>>();
        foreach (var g in raw)
        {
            var ids = new List<NodeId>();
            foreach (var n in g ?? [])
            {
                if (!NodeId.TryParse(n, out var id)) return Bad($"not a node id: '{Trim(n)}'");
                if (id.Index > options.FleetSize) return Bad($"{id} is not in the roster (n1..n{options.FleetSize})");
                ids.Add(id);
            }
            groups.Add(ids);
        }
        var known = state.Roster.All.Select(v => v.Id).ToList();
        if (PartitionRule.Validate(groups, known) is { } error) return Bad(error);
        foreach (var g in groups)
        {
            var others = groups.Where(o => !ReferenceEquals(o, g)).SelectMany(o => o).ToList();
            foreach (var n in g)
                await SendAsync(bus, options, new InjectFault(n, FaultKind.DropPeers, 0, others), context.RequestAborted).ConfigureAwait(false);
        }
        await state.RecordAsync(new PartitionDetected(groups, time.GetUtcNow()), context.RequestAborted).ConfigureAwait(false);
        var side = PartitionRule.SigningSide(groups, options.Threshold);
        // a new split while one is open is the same incident (the engine re-reads the sides)
        if (engine.Incidents.OpenOf(IncidentKinds.Partition) is null)
        {
            await engine.OpenAsync(IncidentKinds.Partition,
                side is null ? "partition: no side reaches the threshold, signing halts" : "partition: only " + string.Join(",", side) + " may sign",
                [.. groups.SelectMany(g => g)], state.Epochs.Current, context.RequestAborted, partitionSides: groups).ConfigureAwait(false);
        }
        return TypedResults.Ok<IReadOnlyList<IReadOnlyList<string>>>([.. groups.Select(g => (IReadOnlyList<string>)[.. g.Select(n => n.Value)])]);
    }

    public static async Task<Ok<FaultDone>> HealAsync(IBus bus, FleetOptions options, FleetState state, RunbookEngine engine, TimeProvider time, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(context);
        foreach (var v in state.Roster.All)
            await SendAsync(bus, options, new InjectFault(v.Id, FaultKind.DropPeers, 0, []), context.RequestAborted).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var events = new List<object> { new PartitionHealed(now) };
        foreach (var open in engine.Incidents.Open.Where(i => i.Kind == IncidentKinds.Partition))
            events.Add(new RunbookStepCompleted(open.Id, RunbookEngine.PartitionHealedStep, true, "every node reaches every other again", now));
        await state.RecordAsync(events, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new FaultDone("all", "heal"));
    }

    private static async Task SendAsync(IBus bus, FleetOptions options, InjectFault fault, CancellationToken ct)
    {
        var endpoint = await bus.GetSendEndpoint(NodeAddress.Of(fault.Node, options.QueuePrefix)).ConfigureAwait(false);
        await endpoint.Send(fault, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Null when <paramref name="node"/> names a node of the configured roster (n1..n{FleetSize});
    /// otherwise the refusal: 400 for text that is no node id, 404 for an id outside the roster
    /// (a fault must never bring up a node the fleet was not configured with, e.g. n10 as a spare).
    /// </summary>
    public static ProblemHttpResult? RosterNode(string node, FleetOptions options, out NodeId id)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!NodeId.TryParse(node, out id)) return Bad($"not a node id: '{Trim(node)}'");
        if (id.Index <= options.FleetSize) return null;
        return TypedResults.Problem($"{id} is not in the roster (n1..n{options.FleetSize})", statusCode: StatusCodes.Status404NotFound, title: "Unknown node");
    }

    private static ProblemHttpResult NoLifecycle() =>
        TypedResults.Problem("kill/start need the embedded cluster (cctsa up --faults)", statusCode: StatusCodes.Status501NotImplemented, title: "Not available");

    private static ProblemHttpResult Bad(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    private static string Trim(string? s) => s is null ? "null" : s.Length <= 16 ? s : s[..16] + "…";
}

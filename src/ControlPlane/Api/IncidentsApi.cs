using System.Globalization;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Projections;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.ControlPlane.Runbooks;
using CcTsa.Contracts.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>
/// GET /api/incidents (open and resolved, with their recorded steps) and the operator action
/// POST /api/incidents/compromise {"nodes":["n2"],"at":"RFC 3339"}, which opens a compromise
/// incident the runbook engine then handles (refresh below t, revoke + re-key at t or more).
/// </summary>
public static class IncidentsApi
{
    public sealed record StepView(string Step, bool Succeeded, string Detail, DateTimeOffset At);

    public sealed record IncidentView(string Id, string Kind, IReadOnlyList<string> Nodes, DateTimeOffset OpenedAt, bool Resolved, string? Status, IReadOnlyList<StepView> Steps);

    public sealed record CompromiseReport(IReadOnlyList<string>? Nodes, string? At);

    public sealed record CompromiseAccepted(string Incident);

    public static RouteGroupBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incidents");
        group.MapGet("/", Get);
        group.MapPost("/compromise", CompromiseAsync).DisableAntiforgery();
        return group;
    }

    public static Ok<IReadOnlyList<IncidentView>> Get(RunbookEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return TypedResults.Ok(Build(engine.Incidents, engine.StatusOf));
    }

    /// <summary>The body of GET /api/incidents from the read model; <paramref name="status"/> gives an open incident's runbook status.</summary>
    public static IReadOnlyList<IncidentView> Build(Incidents incidents, Func<IncidentId, string?> status)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(status);
        return [.. incidents.InOrder
            .Select(i => new IncidentView(i.Id.ToString(), i.Kind, [.. i.Nodes.Select(n => n.Value)], i.OpenedAt, i.Resolved, i.Resolved ? null : status(i.Id),
                [.. i.CurrentSteps.Select(s => new StepView(s.Step, s.Succeeded, s.Detail, s.At))]))];
    }

    public static async Task<Results<Accepted<CompromiseAccepted>, ProblemHttpResult>> CompromiseAsync(
        CompromiseReport? report, RunbookEngine engine, FleetState state, TimeProvider time, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(context);
        if (report?.Nodes is not { Count: > 0 } names)
            return Bad("nodes must list at least one node id");
        var nodes = new List<NodeId>();
        foreach (var name in names)
        {
            if (!NodeId.TryParse(name, out var id)) return Bad($"not a node id: '{(name ?? "null")[..Math.Min((name ?? "null").Length, 16)]}'");
            if (!nodes.Contains(id)) nodes.Add(id);
        }
        if (report.At is null || !DateTimeOffset.TryParse(report.At, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
            return Bad("at must be an RFC 3339 time");
        if (at > time.GetUtcNow().AddMinutes(5))
            return Bad("at lies in the future");
        var epoch = state.Epochs.Current;
        var id2 = await engine.OpenAsync(IncidentKinds.Compromise, $"suspected compromise of {string.Join(",", nodes)} at {at:O}", nodes, epoch,
            context.RequestAborted, compromisedAt: at).ConfigureAwait(false);
        return TypedResults.Accepted("/api/incidents", new CompromiseAccepted(id2.ToString()));
    }

    private static ProblemHttpResult Bad(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
}

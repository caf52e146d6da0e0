using System.Globalization;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Projections;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.ControlPlane.Runbooks;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Api.Access;
using CcTsa.Crypto.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>
/// GET /api/incidents (open and resolved, with their recorded steps) and the operator action
/// POST /api/incidents/compromise {"nodes":["n2"],"at":"RFC 3339","reason":"…","epoch":N}, which opens a compromise
/// incident the runbook engine then handles (refresh below t, revoke + re-key at t or more).
/// </summary>
public static class IncidentsApi
{
    public sealed record StepView(string Step, bool Succeeded, string Detail, DateTimeOffset At);

    public sealed record IncidentView(string Id, string Kind, IReadOnlyList<string> Nodes, DateTimeOffset OpenedAt, bool Resolved, string? Status, IReadOnlyList<StepView> Steps);

    /// <summary>The body of POST /api/incidents/compromise; <c>epoch</c> defaults to the current one.</summary>
    public sealed record CompromiseReport(IReadOnlyList<string>? Nodes, string? At, string? Reason = null, int? Epoch = null);

    public sealed record CompromiseAccepted(string Incident);

    public static RouteGroupBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incidents");
        group.MapGet("/", Get).RequireAuditRead();
        group.MapPost("/compromise", CompromiseAsync).DisableAntiforgery().RequireOperator();
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
        var checkedReport = Validate(report, state.Epochs, state.Certificates, state.Roster, time.GetUtcNow());
        if (!checkedReport.TryGet(out var valid, out var problem)) return Bad(problem.Field, problem.Detail);
        var summary = $"suspected compromise of {string.Join(",", valid.Nodes)} in epoch {valid.Epoch} at {valid.At:O}: {valid.Reason}";
        var id = await engine.OpenAsync(IncidentKinds.Compromise, summary, valid.Nodes, valid.Epoch,
            context.RequestAborted, compromisedAt: valid.At, reason: valid.Reason).ConfigureAwait(false);
        return TypedResults.Accepted("/api/incidents", new CompromiseAccepted(id.ToString()));
    }

    /// <summary>A compromise report that passed <see cref="Validate"/>.</summary>
    public sealed record ValidCompromise(IReadOnlyList<NodeId> Nodes, int Epoch, DateTimeOffset At, string Reason);

    /// <summary>What is wrong with a report: the field and a sentence.</summary>
    public sealed record ReportProblem(string Field, string Detail);

    /// <summary>Longest reason text recorded.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Clock skew allowed between the reporter and the control plane for "not in the future".</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Checks a compromise report: the epoch (default current) exists; every node is a member of it
    /// (held a share at activation or holds one now); <c>at</c> is RFC 3339, not before the epoch
    /// certificate's notBefore (its activation when it has no certificate yet) and not in the future;
    /// a reason is given. An incident opened on a report that fails here could revoke a key for
    /// tokens issued before the key existed, or run a ceremony for a node that never was.
    /// </summary>
    public static Result<ValidCompromise, ReportProblem> Validate(CompromiseReport? report, KeyEpochs epochs, Certificates certificates, FleetRoster roster, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(roster);
        if (report is null) return Problem("body", "a JSON object {\"nodes\":[…],\"at\":\"RFC 3339\",\"reason\":\"…\"} is required");
        var epoch = report.Epoch ?? epochs.Current;
        if (epoch < 1) return Problem("epoch", report.Epoch is null ? "no key epoch exists yet" : "epoch must be 1 or more");
        if (!epochs.Epochs.TryGetValue(epoch, out var info)) return Problem("epoch", $"epoch {epoch} does not exist (current: {epochs.Current})");
        if (report.Nodes is not { Count: > 0 } names) return Problem("nodes", "nodes must list at least one node id");
        var members = info.ShareHolders.Concat(roster.All.Where(v => v.HoldsShareOf(epoch)).Select(v => v.Id)).ToHashSet();
        var nodes = new List<NodeId>();
        foreach (var name in names)
        {
            if (!NodeId.TryParse(name, out var id)) return Problem("nodes", $"not a node id: '{Clip(name ?? "null", 16)}'");
            if (!members.Contains(id)) return Problem("nodes", $"{id} is not a member of epoch {epoch} (members: {string.Join(",", members.OrderBy(m => m.Index))})");
            if (!nodes.Contains(id)) nodes.Add(id);
        }
        if (report.At is null || !DateTimeOffset.TryParse(report.At, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
            return Problem("at", "at must be an RFC 3339 time");
        var notBefore = certificates.ForEpoch(epoch).Select(c => (DateTimeOffset?)c.NotBefore).Min() ?? info.ActivatedAt;
        if (at < notBefore) return Problem("at", $"at {at:O} lies before epoch {epoch} existed (certificate notBefore {notBefore:O})");
        if (at > now + FutureTolerance) return Problem("at", $"at {at:O} lies in the future");
        if (string.IsNullOrWhiteSpace(report.Reason)) return Problem("reason", "reason is required: why are these shares suspected?");
        var reason = report.Reason.Trim();
        if (reason.Length > MaxReasonLength) return Problem("reason", $"reason must be at most {MaxReasonLength} characters");
        return new ValidCompromise(nodes, epoch, at, reason);
    }

    private static Result<ValidCompromise, ReportProblem> Problem(string field, string detail) => Result<ValidCompromise, ReportProblem>.Fail(new ReportProblem(field, field + ": " + detail));

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    private static ProblemHttpResult Bad(string field, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request", extensions: new Dictionary<string, object?> { ["field"] = field });

}

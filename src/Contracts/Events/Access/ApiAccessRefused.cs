namespace CcTsa.Contracts.Events.Access;

/// <summary>
/// The control plane refused an API call for want of a valid bearer token (Status 401: none sent,
/// 403: a token that does not grant the action). Source is the caller's address; Refusals counts
/// this refusal and those from the same source not recorded since its previous event (at most one
/// event per source and minute). Never the token, nor any other header.
/// </summary>
public sealed record ApiAccessRefused(string Source, string Method, string Path, int Status, string Reason, long Refusals, DateTimeOffset At);

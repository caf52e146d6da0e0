using CcTsa.Contracts.Events.Issuance;

namespace CcTsa.ControlPlane.Projections;

/// <summary>One issued token as the log holds it: the TokenIssued fact and its sequence in the log.</summary>
public sealed record TokenRecord(long Sequence, TokenIssued Token);

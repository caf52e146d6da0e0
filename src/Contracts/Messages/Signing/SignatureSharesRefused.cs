namespace CcTsa.Contracts.Messages.Signing;

/// <summary>Participant → coordinator: the participant will not sign (clock excluded, genTime off, unknown commitment…).</summary>
public sealed record SignatureSharesRefused(RoundId Round, NodeId Participant, string Reason);

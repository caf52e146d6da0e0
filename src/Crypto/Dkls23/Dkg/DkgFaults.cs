using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>The DKLs23 error for a fault of the generic DKG/refresh/repair steps: same culprits, the DKLs23 failure kind.</summary>
internal static class DkgFaults
{
    public static Dkls23Error ToDkls23(this DkgFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var failure = fault.Kind switch
        {
            DkgFaultKind.UnknownParticipant or DkgFaultKind.DuplicateParticipant or DkgFaultKind.WrongRecipient => Dkls23Failure.WrongSession,
            DkgFaultKind.IncorrectNumberOfParticipants => Dkls23Failure.InvalidSignerSet,
            DkgFaultKind.InvalidCommitment => Dkls23Failure.InvalidCommitment,
            DkgFaultKind.InvalidProofOfKnowledge => Dkls23Failure.InvalidProofOfKnowledge,
            DkgFaultKind.InvalidSecretShare or DkgFaultKind.VerifyingShareMismatch => Dkls23Failure.InvalidSecretShare,
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault.Kind, "Unknown DKG fault kind."),
        };
        return new Dkls23Error(failure, fault.Culprits, fault.Detail);
    }
}

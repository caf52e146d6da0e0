using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Contracts.Messages.Signing;
using MassTransit;

namespace CcTsa.Signer.Messaging;

/// <summary>
/// Every message type a signer node sends, with the field naming its sender. Nodes sign all of
/// them; a node checks the ones it consumes. Types not listed (BeginCeremony, SignTimestampBatch,
/// InstallCertificate, InjectFault…) come from the control plane, are never node-signed and are
/// handled as untrusted input by their consumers. A new node-to-node message must be added here,
/// or its receivers will treat it as control-plane input.
/// </summary>
internal static class ProtocolKinds
{
    private static readonly ProtocolKind[] All =
    [
        new ProtocolKindOf<NodeAnnounced>(KeyTrust.Bootstrap, m => m.Node),
        new ProtocolKindOf<AttestationRequested>(KeyTrust.Bootstrap, m => m.Requester),
        new ProtocolKindOf<AttestationReported>(KeyTrust.SelfCertified, m => m.Node, m => m.SigningPublicKey),
        new ProtocolKindOf<ClockProbe>(KeyTrust.Attested, m => m.From),
        new ProtocolKindOf<ClockProbeAnswered>(KeyTrust.Attested, m => m.From),
        new ProtocolKindOf<CeremonyRound1Broadcast>(KeyTrust.Attested, m => m.From),
        new ProtocolKindOf<CeremonyTranscriptConfirmed>(KeyTrust.Attested, m => m.From),
        new ProtocolKindOf<CeremonyKeyAnnounced>(KeyTrust.Attested, m => m.From),
        new ProtocolKindOf<CeremonySecretDelivered>(KeyTrust.Attested, m => m.From),
        new ProtocolKindOf<CeremonySharesAccepted>(KeyTrust.Attested, m => m.From),
        new ProtocolKindOf<CeremonyComplaintFiled>(KeyTrust.Attested, m => m.From),
        new ProtocolKindOf<CeremonyFinished>(KeyTrust.Attested, m => m.Node),
        new ProtocolKindOf<EcdsaPairSetupOffered>(KeyTrust.Attested, m => m.From),
        new ProtocolKindOf<EcdsaPairSetupAnswered>(KeyTrust.Attested, m => m.From),
        new ProtocolKindOf<RequestNonceCommitments>(KeyTrust.Attested, m => m.Coordinator),
        new ProtocolKindOf<NonceCommitmentsIssued>(KeyTrust.Attested, m => m.Participant),
        new ProtocolKindOf<ProduceSignatureShares>(KeyTrust.Attested, m => m.Coordinator),
        new ProtocolKindOf<SignatureSharesProduced>(KeyTrust.Attested, m => m.Participant),
        new ProtocolKindOf<SignatureSharesRefused>(KeyTrust.Attested, m => m.Participant),
        new ProtocolKindOf<PresignStepRequested>(KeyTrust.Attested, m => m.Coordinator),
        new ProtocolKindOf<PresignStepAnswered>(KeyTrust.Attested, m => m.Participant),
        new ProtocolKindOf<SigningFailed>(KeyTrust.Attested, m => m.Coordinator),
        new ProtocolKindOf<TimestampBatchSigned>(KeyTrust.Attested, m => m.Coordinator),
        new ProtocolKindOf<RawMessageSigned>(KeyTrust.Attested, m => m.Coordinator),
    ];

    private static readonly Dictionary<string, ProtocolKind> ByUrn =
        All.ToDictionary(k => MessageUrn.ForTypeString(k.MessageType), StringComparer.Ordinal);

    /// <summary>The node-signed kind of the message in <paramref name="context"/>, if it is one.</summary>
    public static bool TryFind(ConsumeContext context, out ProtocolKind kind)
    {
        foreach (var urn in context.SupportedMessageTypes)
            if (ByUrn.TryGetValue(urn, out kind!)) return true;
        kind = null!;
        return false;
    }
}

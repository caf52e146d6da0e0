using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.MlDsa.Dkg;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Channel;

namespace CcTsa.Signer.Participants;

/// <summary>
/// The threshold ML-DSA-65 half of a DKG run (docs/SECURITY.md, "Threshold ML-DSA-65 key
/// generation"), carried by the same ceremony steps as FROST and ECDSA: its commitments ride in
/// the signed round-1 broadcast and transcript; ρ_i and the pair packages (sealed to the recipient's
/// ceremony key under the round-2 context) ride in the round-2 delivery; the masked partial key
/// rides in <see cref="CeremonySharesAccepted"/>; the share is stored with the FROST share once
/// every participant accepted. Only a ceremony of all five nodes at t = 3 makes one (the construction
/// is 3-of-5): a DKG, and a refresh of an epoch whose ML-DSA share this node holds — no
/// norm-preserving refresh exists, so a refresh re-keys ML-DSA with this same dealerless key
/// generation (new public key; the old share is wiped when the new one is stored, with the refreshed
/// classical shares, once every participant accepted). Guarded by the run's lock; secrets wiped on Dispose.
/// </summary>
internal sealed class DkgMlDsa : IDisposable
{
    public bool Enabled { get; private set; }

    private DkgState? _state;
    private byte[]? _ownRho;

    /// <summary>Round-1 commitments by sender, as received (own included once started).</summary>
    public Dictionary<NodeId, byte[]> Round1 { get; } = [];

    /// <summary>Masked partial keys by sender (own included once computed).</summary>
    public Dictionary<NodeId, byte[]> Masked { get; } = [];

    public byte[]? OwnBytes { get; private set; }

    public byte[]? OwnMasked { get; private set; }

    /// <summary>The new share and its transcript, held back until every participant accepted.</summary>
    public (PartyKeyShare Share, DkgTranscript Transcript)? Pending { get; set; }

    /// <summary>
    /// Whether a ceremony makes an ML-DSA key: a ceremony of exactly the 5 nodes at threshold 3 that
    /// is a DKG, or a refresh of an epoch whose ML-DSA share <paramref name="holdsShare"/> (the re-key).
    /// </summary>
    public static bool Applies(BeginCeremony m, bool holdsShare) =>
        (m.Kind == CeremonyKind.Dkg || (m.Kind == CeremonyKind.Refresh && holdsShare))
        && m.Threshold == ThresholdParams.T && m.Participants.Count == ThresholdParams.N
        && m.Participants.All(p => p.Index is >= 1 and <= ThresholdParams.N);

    /// <summary>Whether this node holds an ML-DSA share of <paramref name="epoch"/> (a refresh re-keys only such an epoch).</summary>
    public static bool HoldsShare(NodeContext node, int epoch) => node.Vault.Use(epoch, s => s.MlDsa is not null, out var held) && held;

    public void Start(NodeContext node, BeginCeremony m)
    {
        if (!Applies(m, m.Kind == CeremonyKind.Refresh && HoldsShare(node, m.Epoch.Number))) return;
        var (state, commitments) = DkgRound1.Commit(ParticipantId.FromNode(node.Id), m.Ceremony);
        Enabled = true;
        _state = state;
        OwnBytes = DkgWire.Encode(commitments);
        Round1[node.Id] = OwnBytes;
    }

    /// <summary>A peer's commitments are well formed (null is acceptable here: presence is checked before round 2).</summary>
    public static bool WellFormed(NodeId from, byte[]? package) =>
        package is null || DkgWire.DecodeCommitments(package, ParticipantId.FromNode(from)) is not null;

    /// <summary>Participants that sent no ML-DSA commitments although the ceremony makes an ML-DSA key.</summary>
    public IReadOnlyList<NodeId> Missing(BeginCeremony begin) => Enabled ? [.. begin.Participants.Where(p => !Round1.ContainsKey(p))] : [];

    /// <summary>Round 2: ρ_i (public) and every peer's pair package sealed under the round-2 context of the confirmed view.</summary>
    public Result<(byte[]? Rho, Dictionary<NodeId, byte[]> Sealed), MlDsaError> Send(NodeContext node, BeginCeremony begin, CeremonyBinding binding,
        byte[] transcript, IReadOnlyDictionary<NodeId, ChannelPublicKey> keys)
    {
        var sealedPackages = new Dictionary<NodeId, byte[]>();
        if (!Enabled || _state is not { } state) return ((byte[]?)null, sealedPackages);
        var commitments = begin.Participants.Select(p => DkgWire.DecodeCommitments(Round1[p], ParticipantId.FromNode(p))!).ToList();
        if (!DkgRound1.Send(state, commitments).TryGet(out var sent, out var error)) return error.As<(byte[]?, Dictionary<NodeId, byte[]>)>();
        foreach (var package in sent.Packages)
        {
            using (package)
            {
                var to = NodeId.FromIndex(package.To.Value);
                sealedPackages[to] = package.Seal(keys[to], SecretMail.Round2Context(node.Id, to, binding, transcript)).Payload;
            }
        }
        _ownRho = sent.Reveal.Rho.ToArray();
        return (_ownRho, sealedPackages);
    }

    /// <summary>
    /// Round 3 once every round-2 delivery is in: open each pair package, check every opening
    /// against its sender's commitment (a mismatch names the sender) and compute this node's masked key.
    /// </summary>
    public Result<byte[], MlDsaError> Mask(NodeContext node, CeremonyRun run, BeginCeremony begin)
    {
        if (!Enabled || _state is not { } state) return Array.Empty<byte>();
        var reveals = new List<DkgRhoReveal> { new(state.Party, _ownRho!) };
        var opened = new List<SecretPackage>();
        try
        {
            foreach (var (from, delivery) in run.SealedRound2.Where(kv => begin.Participants.Contains(kv.Key)))
            {
                var sender = ParticipantId.FromNode(from);
                var m = delivery.Message;
                if (m.MlDsaRho is not { } rhoBytes || DkgWire.DecodeRho(rhoBytes, sender) is not { } rho || m.MlDsaSealed is not { } sealedPackage)
                    return MlDsaError.Blame(MlDsaFailure.MalformedMessage, sender, "round-2 delivery lacks its ML-DSA ρ or pair package").As<byte[]>();
                reveals.Add(rho);
                if (!SecretPackage.Open(new SealedSecret(sealedPackage), SecretPackage.DkgPairBytes, sender, run.CeremonyKeys!,
                        SecretMail.Round2Context(from, node.Id, run.Binding!, run.Transcript!)).TryGet(out var package, out var e))
                    return e.As<byte[]>();
                opened.Add(package);
            }
            if (!DkgRound3.Mask(state, reveals, opened).TryGet(out var masked, out var error)) return error.As<byte[]>();
            OwnMasked = DkgWire.Encode(masked);
            Masked[node.Id] = OwnMasked;
            return OwnMasked;
        }
        finally
        {
            foreach (var p in opened) p.Dispose();
        }
    }

    /// <summary>Finish once every participant's masked key is in: the share and transcript, or why not (naming a minority holder).</summary>
    public Result<(PartyKeyShare Share, DkgTranscript Transcript), MlDsaError> Finish(BeginCeremony begin)
    {
        var state = _state ?? throw new InvalidOperationException("the ML-DSA DKG was not started on this node");
        _state = null;
        var masked = new List<DkgMaskedKey>();
        foreach (var p in begin.Participants)
        {
            var from = ParticipantId.FromNode(p);
            if (!Masked.TryGetValue(p, out var bytes) || DkgWire.DecodeMaskedKey(bytes, from) is not { } m)
            {
                state.Dispose();
                return MlDsaError.Blame(MlDsaFailure.MalformedMessage, from, "no well-formed ML-DSA masked key").As<(PartyKeyShare, DkgTranscript)>();
            }
            masked.Add(m);
        }
        return DkgFinish.Complete(state, masked);
    }

    /// <summary>The transcript entry: the previous entry, then (when present) the length-prefixed ML-DSA commitments.</summary>
    public static byte[] Entry(byte[] entry, byte[]? mlDsa)
    {
        if (mlDsa is null) return entry;
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, mlDsa.Length);
        return [.. entry, .. "ml-dsa-65"u8, .. length, .. mlDsa];
    }

    public static IReadOnlyList<NodeId> Culprits(MlDsaError e) => [.. e.Culprits.Select(c => NodeId.FromIndex(c.Value))];

    public void Dispose()
    {
        _state?.Dispose();
        _state = null;
        Pending?.Share.Dispose();
        Pending = null;
    }

    public override string ToString() => $"DkgMlDsa(enabled={Enabled}, [redacted])";
}

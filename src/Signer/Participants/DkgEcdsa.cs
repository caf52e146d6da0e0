using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Dkls23;
using CcTsa.Crypto.Dkls23.Dkg;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Channel;

namespace CcTsa.Signer.Participants;

/// <summary>
/// The threshold-ECDSA (P-384, DKLs23 key) half of one DKG/refresh run, carried by the same
/// ceremony steps as the FROST half: its round-1 package rides in the same signed broadcast and
/// transcript, each P-384 share is sealed beside the Ed25519 one in the same delivery, and the new
/// key share is held back and stored with the FROST share. A DKG always makes one; a refresh
/// refreshes it when this node holds one for the epoch. Secret parts are wiped on Dispose.
/// Guarded by the run's lock.
/// </summary>
internal sealed class DkgEcdsa : IDisposable
{
    /// <summary>Set at the start of this node's run: the ceremony has an ECDSA part here.</summary>
    public bool Enabled { get; private set; }

    public DkgSecret? Secret { get; private set; }

    /// <summary>This node's own round-1 package (DKG or refresh), as it went out.</summary>
    public byte[]? OwnBytes { get; private set; }

    /// <summary>Round-1 packages by sender as received (own included once started): raw bytes, parsed on use.</summary>
    public Dictionary<NodeId, byte[]> Round1 { get; } = [];

    /// <summary>The new P-384 key share, held back with the FROST one until every participant accepted.</summary>
    public KeyShare? Pending { get; set; }

    /// <summary>Part 1 over P-384, bound to the ceremony (context = the binding's encoding, so the key sid is too).</summary>
    public void Start(NodeContext node, BeginCeremony m, CeremonyBinding binding)
    {
        var self = ParticipantId.FromNode(node.Id);
        var participants = binding.Participants;
        if (m.Kind == CeremonyKind.Dkg)
        {
            var (secret, package) = DkgPart1.Run(self, binding.Threshold, participants, binding.Encoding);
            Keep(node.Id, secret, package.ToBytes());
        }
        else if (node.Vault.Use(m.Epoch.Number, s => s.Ecdsa is not null, out var held) && held)
        {
            var (secret, package) = P384Refresh.Part1(self, binding.Threshold, participants, binding.Encoding);
            Keep(node.Id, secret, package.ToBytes());
        }
    }

    private void Keep(NodeId self, DkgSecret secret, byte[] package)
    {
        Enabled = true;
        Secret = secret;
        OwnBytes = package;
        Round1[self] = package;
    }

    /// <summary>A peer's package is well formed for this kind (null is always acceptable here: presence is checked before round 2).</summary>
    public static bool WellFormed(CeremonyKind kind, NodeId from, byte[]? package) => package is null || (kind == CeremonyKind.Dkg
        ? DkgRound1.FromBytes(package) is { } d && d.From == ParticipantId.FromNode(from)
        : P384RefreshRound1.FromBytes(package) is { } r && r.From == ParticipantId.FromNode(from));

    /// <summary>The transcript entry: the FROST entry, then (when present) the length-prefixed ECDSA package.</summary>
    public static byte[] Entry(byte[] frostEntry, byte[]? ecdsa)
    {
        if (ecdsa is null) return frostEntry;
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, ecdsa.Length);
        return [.. frostEntry, .. "ecdsa-p384"u8, .. length, .. ecdsa];
    }

    /// <summary>
    /// Participants whose round-1 broadcast disagrees with this node's on whether the ceremony has an
    /// ECDSA part (checked on the confirmed view, before any share leaves).
    /// </summary>
    public IReadOnlyList<NodeId> Disagreeing(BeginCeremony begin) =>
        [.. begin.Participants.Where(p => Round1.ContainsKey(p) != Enabled)];

    /// <summary>Part 2: every peer's P-384 share sealed to its ceremony key under the round-2 context.</summary>
    public Result<Dictionary<NodeId, byte[]>, Dkls23Error> SealShares(NodeContext node, BeginCeremony begin, CeremonyBinding binding, byte[] transcript,
        IReadOnlyDictionary<NodeId, ChannelPublicKey> keys)
    {
        var sealedShares = new Dictionary<NodeId, byte[]>();
        if (!Enabled || Secret is not { } secret) return sealedShares;
        IReadOnlyList<DkgRound2> shares;
        if (begin.Kind == CeremonyKind.Dkg)
        {
            var part2 = DkgPart2.Run(secret, [.. Peers(begin, node.Id).Select(p => DkgRound1.FromBytes(Round1[p])!)]);
            if (!part2.TryGet(out var s, out var error)) return error.As<Dictionary<NodeId, byte[]>>();
            shares = s;
        }
        else shares = P384Refresh.Part2(secret);
        foreach (var share in shares)
        {
            using (share)
            {
                var to = NodeId.FromIndex(share.To.Value);
                sealedShares[to] = share.SealTo(keys[to], SecretMail.Round2Context(node.Id, to, binding, transcript)).Payload;
            }
        }
        return sealedShares;
    }

    /// <summary>
    /// Part 3 over P-384 with the opened shares: the new key share, or an error whose culprits
    /// (InvalidSecretShare) are complained about like a bad Ed25519 share.
    /// </summary>
    public Result<KeyShare, Dkls23Error> Finish(NodeContext node, BeginCeremony begin, IReadOnlyList<DkgRound2> received)
    {
        var secret = Secret!;
        if (begin.Kind == CeremonyKind.Dkg)
        {
            var own = DkgRound1.FromBytes(OwnBytes)!;
            return DkgPart3.Run(secret, own, [.. Peers(begin, node.Id).Select(p => DkgRound1.FromBytes(Round1[p])!)], received);
        }
        var round1 = begin.Participants.ToDictionary(p => ParticipantId.FromNode(p), p => P384RefreshRound1.FromBytes(Round1[p])!);
        return node.Vault.Use(begin.Epoch.Number, s => s.Ecdsa is { } e ? P384Refresh.Part3(secret, round1, received, e.Key) : (Result<KeyShare, Dkls23Error>?)null, out var r) && r is { } result
            ? result
            : Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "the threshold-ECDSA share of the epoch is gone").As<KeyShare>();
    }

    /// <summary>The accused's P-384 check for a complaint judge (its package as signed in round 1 and confirmed).</summary>
    public Crypto.Frost.Dkg.ShareComplaint.OpenedCheck? JudgeOf(NodeId accused, CeremonyKind kind, int threshold)
    {
        if (!Round1.TryGetValue(accused, out var bytes)) return null;
        if (kind == CeremonyKind.Dkg) return DkgRound1.FromBytes(bytes) is { } d ? P384ShareJudge.Against(d) : null;
        return P384RefreshRound1.FromBytes(bytes) is { } r ? P384ShareJudge.Against(r, threshold) : null;
    }

    private static IEnumerable<NodeId> Peers(BeginCeremony begin, NodeId self) => begin.Participants.Where(p => p != self);

    public void Dispose()
    {
        Secret?.Dispose();
        Secret = null;
        Pending?.Dispose();
        Pending = null;
    }

    public override string ToString() => $"DkgEcdsa(enabled={Enabled}, [redacted])";
}

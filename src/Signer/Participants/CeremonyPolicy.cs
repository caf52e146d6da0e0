using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Signer.Participants;

/// <summary>
/// What a signer accepts of a BeginCeremony, decided inside the enclave: the control plane that
/// sends it is not trusted to choose parameters. t must be this fleet's t; a DKG must span the
/// whole fleet and create an epoch this node does not hold live (else it would overwrite the live
/// share; a share whose epoch never got a certificate came from a DKG the control plane gave up
/// on — it timed out while this node finished — and a new DKG of that epoch replaces it, or the
/// fleet could never make its first key again); a refresh must include every holder of the epoch (else the left-out holders keep
/// stale shares that still combine with stolen pre-refresh ones); a repair needs ≥ t helpers and
/// a recipient that does not already hold the epoch (else a replayed repair rolls it back).
/// Each check returns the reason for refusing, or null.
/// </summary>
internal sealed class CeremonyPolicy(NodeContext node)
{
    public string? Refuse(BeginCeremony m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var t = node.Options.Threshold;
        if (m.Threshold != t) return $"threshold {m.Threshold} refused: this fleet signs {t}-of-{node.Options.FleetSize}";
        if (m.Participants.Distinct().Count() != m.Participants.Count) return "a participant is listed twice";
        return m.Kind switch
        {
            CeremonyKind.Dkg => RefuseDkg(m),
            CeremonyKind.Refresh => RefuseRefresh(m),
            CeremonyKind.Redistribution => RefuseRepair(m),
            _ => "unknown ceremony kind",
        };
    }

    /// <summary>
    /// The binding of <paramref name="m"/> as this node sees it: for a DKG no public package yet,
    /// for a refresh or a helper of a repair the package of the epoch this node holds.
    /// </summary>
    public static CeremonyBinding Bind(BeginCeremony m, PublicKeyPackage? publicKeys) =>
        Bind(m, publicKeys is null ? CeremonyBinding.NoPublicKeys : CeremonyBinding.HashOf(publicKeys));

    public static CeremonyBinding Bind(BeginCeremony m, ReadOnlySpan<byte> publicKeysHash)
    {
        ArgumentNullException.ThrowIfNull(m);
        var everyone = m.Recipient is { } r ? m.Participants.Append(r) : m.Participants;
        return new CeremonyBinding(m.Ceremony, m.Kind.ToString(), m.Epoch.Number, m.Threshold,
            everyone.Select(ParticipantId.FromNode), publicKeysHash);
    }

    private string? RefuseDkg(BeginCeremony m)
    {
        if (m.Participants.Count != node.Options.FleetSize)
            return $"a DKG over {m.Participants.Count} nodes refused: it must span the fleet of {node.Options.FleetSize}";
        if (node.Vault.Holds(m.Epoch.Number) && node.Certificates.For(m.Epoch.Number) is not null)
            return $"epoch {m.Epoch.Number} is already held: a DKG must not overwrite a live share";
        return null;
    }

    private string? RefuseRefresh(BeginCeremony m)
    {
        if (node.Vault.PublicKeys(m.Epoch.Number) is not { } publicKeys) return "refresh needs the current share of the epoch";
        var holders = publicKeys.VerifyingShares.Keys.ToHashSet();
        if (!holders.SetEquals(m.Participants.Select(ParticipantId.FromNode)))
            return $"a refresh must include every holder of epoch {m.Epoch.Number} ({holders.Count}), not {m.Participants.Count} nodes";
        return publicKeys.MinSigners == m.Threshold ? null : "threshold differs from the epoch's";
    }

    private string? RefuseRepair(BeginCeremony m)
    {
        if (m.Recipient is not { } recipient) return "a repair names its recipient";
        if (m.Participants.Contains(recipient)) return "the recipient cannot be its own helper";
        if (m.Participants.Count < m.Threshold) return $"{m.Participants.Count} helpers, a repair needs {m.Threshold}";
        if (recipient == node.Id && node.Vault.Holds(m.Epoch.Number))
            return $"epoch {m.Epoch.Number} is already held: a repair must not replace a live share";
        return null;
    }
}

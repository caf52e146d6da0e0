using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.MlDsa.Dkg;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Signer.Participants;

/// <summary>
/// The threshold ML-DSA-65 half of one share repair (crypto core: <see cref="Redistribution"/>),
/// carried by the same messages as the FROST and ECDSA halves. A helper appends the epoch's DKG
/// transcript (public key and the 10 D_S) to its public context, so the binding every one of its
/// seals carries hashes it too: the relay cannot swap it, and the recipient takes it only when all
/// t helpers vouch for the same one (fewer than t of them are assumed corrupt, so one of them is
/// honest). With σ each helper seals to the recipient's ceremony key the seeds of the 3 subsets both
/// hold (<see cref="Contracts.Messages.Ceremonies.CeremonySecretDelivered.MlDsaSealed"/>, σ's context;
/// never in the clear). The recipient checks every seed against its D_S; a helper whose package does
/// not open or does not match is named and left out, and the share is still made when the others
/// cover the 6 subsets (any 3 of the 4 possible helpers do), else the repair fails naming it.
/// Stateless: the package is made from the vault when σ is sealed and wiped at once.
/// </summary>
internal static class RepairMlDsa
{
    // marks a public context carrying the ML-DSA transcript; neither a FROST package nor the ECDSA-joined context starts with it
    private static readonly byte[] Marker = "\0CCTSA-MLDSA\0"u8.ToArray();

    /// <summary>marker ‖ len(context) ‖ context ‖ transcript, or the context alone when the helper holds no ML-DSA share.</summary>
    public static byte[] JoinContext(byte[] context, byte[]? transcript)
    {
        if (transcript is null) return context;
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, context.Length);
        return [.. Marker, .. length, .. context, .. transcript];
    }

    public static (byte[] Classical, byte[]? Transcript) SplitContext(byte[] context)
    {
        if (!context.AsSpan().StartsWith(Marker) || context.Length < Marker.Length + 4) return (context, null);
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(context.AsSpan(Marker.Length));
        var start = Marker.Length + 4;
        if (length < 0 || length > context.Length - start) return (context, null);
        return (context[start..(start + length)], context[(start + length)..]);
    }

    /// <summary>A helper's transcript bytes of the epoch; null when it holds no ML-DSA share.</summary>
    public static byte[]? TranscriptOf(NodeContext node, int epoch) =>
        node.Vault.Use(epoch, s => s.MlDsa is { } m ? DkgWire.Encode(m.Transcript) : null, out var bytes) ? bytes : null;

    /// <summary>A helper's public key of the epoch (its <c>CeremonyFinished</c> reports it); null without an ML-DSA share.</summary>
    public static byte[]? PublicKeyOf(NodeContext node, int epoch) =>
        node.Vault.Use(epoch, s => s.MlDsa?.PublicKey.Encoding.ToArray(), out var key) ? key : null;

    /// <summary>A helper's package for the recipient, sealed; null when it holds no ML-DSA share.</summary>
    public static byte[]? SealPackage(NodeContext node, int epoch, NodeId recipient, ChannelPublicKey recipientKey, SealContext context)
    {
        if (!node.Vault.Use(epoch, s => s.MlDsa is { } m ? Redistribution.Contribute(m.Key, ParticipantId.FromNode(recipient)) : null, out var package)
            || package is null) return null;
        using (package) return package.Seal(recipientKey, context).Payload;
    }

    /// <summary>
    /// The recipient's share from the helpers' sealed packages under the transcript they vouched for,
    /// with the helpers left out (named); an error names them when the rest do not cover the 6 subsets.
    /// </summary>
    public static Result<(PartyKeyShare Share, DkgTranscript Transcript, IReadOnlyList<NodeId> Culprits), MlDsaError> Accept(NodeId self,
        byte[] transcriptBytes, IReadOnlyList<(NodeId From, byte[]? Sealed)> packages, ChannelKeyPair ownKeys, Func<NodeId, SealContext> contextOf)
    {
        if (DkgWire.DecodeTranscript(transcriptBytes) is not { } transcript)
            return MlDsaError.Of(MlDsaFailure.MalformedMessage, "the helpers' ML-DSA transcript has the wrong length").As<(PartyKeyShare, DkgTranscript, IReadOnlyList<NodeId>)>();
        var culprits = new List<ParticipantId>();
        var opened = new List<SecretPackage>();
        try
        {
            foreach (var (from, sealedPackage) in packages)
            {
                var sender = ParticipantId.FromNode(from);
                // a helper that vouched for the transcript owes its package: none, or one that does not open, names it
                if (sealedPackage is null || !SecretPackage.Open(new SealedSecret(sealedPackage), SecretPackage.RedistributionBytes, sender, ownKeys, contextOf(from))
                        .TryGet(out var package, out _))
                    culprits.Add(sender);
                else opened.Add(package);
            }
            while (true)
            {
                var usable = opened.Where(p => !culprits.Contains(p.From)).ToList();
                var accepted = Redistribution.Accept(ParticipantId.FromNode(self), transcript, usable);
                if (accepted.TryGet(out var share, out var error))
                    return (share, transcript, (IReadOnlyList<NodeId>)[.. culprits.Select(c => NodeId.FromIndex(c.Value))]);
                // a seed off its D_S names its helper: leave it out and try the others; otherwise the rest do not cover
                if (error.Culprits.Count == 0 || error.Culprits.All(culprits.Contains))
                {
                    var named = culprits.Concat(error.Culprits).Distinct().ToList();
                    var detail = culprits.Count == 0 ? error.Detail
                        : $"left out {string.Join(", ", culprits.Select(c => NodeId.FromIndex(c.Value)))} (package missing, unopenable or off its D_S); then {error.Detail}";
                    return new MlDsaError(error.Failure, named, detail).As<(PartyKeyShare, DkgTranscript, IReadOnlyList<NodeId>)>();
                }
                culprits.AddRange(error.Culprits.Where(c => !culprits.Contains(c)));
            }
        }
        finally
        {
            foreach (var p in opened) p.Dispose();
        }
    }
}

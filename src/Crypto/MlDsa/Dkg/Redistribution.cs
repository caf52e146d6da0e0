using System.Security.Cryptography;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa.Dkg;

/// <summary>
/// Hands a replacement node (same party index, node lost but not compromised) the 6 subset shares
/// of the node it replaces, re-shared by the other members of each subset: every helper seals to
/// the replacement the seeds of the 3 subsets both belong to; nothing is reconstructed. Any 3 of
/// the 4 helpers cover all 6 subsets; the replacement checks every seed against the DKG's D_S, so
/// two colluding helpers cannot slip in a matching wrong copy, and a wrong seed names its helper.
/// The public key stays; a possibly compromised node is not redistributed but re-keyed (RUNBOOKS).
/// </summary>
public static class Redistribution
{
    public static SecretPackage Contribute(PartyKeyShare helper, ParticipantId replacement)
    {
        ObjectDisposedException.ThrowIf(helper.IsDisposed, helper);
        var (me, them) = (PartyIndex.Of(helper.Party), PartyIndex.Of(replacement));
        if (me == them) throw new ArgumentException($"Party {helper.Party} cannot help replace itself.", nameof(replacement));
        var value = SecretHandle.Allocate(SecretPackage.RedistributionBytes);
        var k = 0;
        foreach (var s in DkgRound1.Shared(me, them))
            helper.SubsetSeed(s).CopyTo(value.Span.Slice(64 * k++, 64));
        return new SecretPackage(helper.Party, replacement, value);
    }

    public static Result<PartyKeyShare, MlDsaError> Accept(ParticipantId replacement, DkgTranscript transcript, IReadOnlyList<SecretPackage> packages)
    {
        var me = PartyIndex.Of(replacement);
        using var seeds = SecretHandle.Allocate(64 * ThresholdParams.SubsetsPerParty);
        var held = SubsetMask.HeldBy(me);
        var have = new bool[held.Count];
        foreach (var p in packages)
        {
            var from = PartyIndex.Of(p.From);
            if (p.To != replacement || from == me || p.Length != SecretPackage.RedistributionBytes)
                return MlDsaError.Blame(MlDsaFailure.WrongParticipants, p.From, "unexpected redistribution package").As<PartyKeyShare>();
            var k = 0;
            foreach (var s in DkgRound1.Shared(me, from))
            {
                var seed = p.Value.Slice(64 * k++, 64);
                var d = DkgRound3.ShareCommitment(transcript.Ceremony, s, seed);
                if (!CryptographicOperations.FixedTimeEquals(d, transcript.ShareCommitments[s].Span))
                    return MlDsaError.Blame(MlDsaFailure.ShareCommitmentMismatch, p.From, $"seed of subset {s} does not match its D_S").As<PartyKeyShare>();
                var slot = DkgRound1.IndexIn(held, s);
                seed.CopyTo(seeds.Span.Slice(64 * slot, 64));
                have[slot] = true;
            }
        }
        var missing = held.Where((_, i) => !have[i]).ToArray();
        if (missing.Length > 0)
            return MlDsaError.Of(MlDsaFailure.WrongParticipants, $"no helper sent subsets {string.Join(", ", missing)}; any 3 of the other 4 parties cover all").As<PartyKeyShare>();
        Span<byte> key = stackalloc byte[32];
        RandomNumberGenerator.Fill(key);
        var copy = seeds.Span.ToArray();
        try
        {
            return PartyKeyShare.FromSubsetSeeds(replacement, transcript.PublicKey, key, m => copy.AsMemory(64 * DkgRound1.IndexIn(held, m), 64));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(copy);
            key.Clear();
        }
    }
}

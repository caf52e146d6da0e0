using System.ComponentModel;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa.Dkg;

/// <summary>
/// A secret message from one party to another in the ML-DSA DKG or redistribution: raw seed bytes
/// in sodium memory. It leaves the process only sealed (<see cref="Seal"/>, the channel's forward
/// secret XChaCha20-Poly1305 format, as FROST's DKG shares do) and is never printed.
/// </summary>
public sealed class SecretPackage : IDisposable
{
    private readonly SecretHandle _value;

    internal SecretPackage(ParticipantId from, ParticipantId to, SecretHandle value)
    {
        From = from;
        To = to;
        _value = value;
    }

    public ParticipantId From { get; }

    public ParticipantId To { get; }

    internal ReadOnlySpan<byte> Value => _value.Span;

    internal int Length => _value.Length;

    public SealedSecret Seal(ChannelPublicKey recipientCeremonyKey, SealContext context) =>
        ChannelSeal.SealBytes(KindOf(_value.Length), From, To, null, _value.Span, recipientCeremonyKey, context);

    /// <summary>Opens a package sealed to us; a failure names the sender.</summary>
    public static Result<SecretPackage, MlDsaError> Open(SealedSecret sealedSecret, int valueBytes, ParticipantId expectedFrom,
        ChannelKeyPair ownCeremonyKeys, SealContext context)
    {
        var opened = ChannelSeal.OpenBytes(KindOf(valueBytes), sealedSecret, ownCeremonyKeys, context);
        if (!opened.TryGet(out var o, out var e))
            return MlDsaError.Blame(MlDsaFailure.MalformedMessage, expectedFrom, "sealed package does not open: " + e.Detail).As<SecretPackage>();
        if (o.Sender != expectedFrom || o.Subject is not null)
        {
            o.Value.Dispose();
            return MlDsaError.Blame(MlDsaFailure.WrongParticipants, expectedFrom, "sealed package names another sender").As<SecretPackage>();
        }
        return new SecretPackage(o.Sender, o.Recipient, o.Value);
    }

    private static ChannelSeal.Kind KindOf(int bytes) => bytes switch
    {
        DkgPairBytes => ChannelSeal.Kind.MlDsaDkgPair,
        RedistributionBytes => ChannelSeal.Kind.MlDsaSubsetSeeds,
        _ => throw Throw.Argument(nameof(bytes), "no sealed kind carries an ML-DSA package of this size"),
    };

    /// <summary>DKG pair package: the sender's contributions to the 3 subsets both belong to ‖ its pair-mask contribution.</summary>
    public const int DkgPairBytes = 4 * 32;

    /// <summary>Redistribution package: the 3 subset seeds helper and replacement share.</summary>
    public const int RedistributionBytes = 3 * 64;

    public void Dispose() => _value.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"SecretPackage({From}→{To}, [redacted])";
}

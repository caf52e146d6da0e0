using System.ComponentModel;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost.Dkg;

/// <summary>What a participant keeps between DKG (or refresh) part 2 and part 3: its own share f_i(i). Wiped on Dispose.</summary>
public sealed class Round2SecretPackage : IDisposable
{
    internal Round2SecretPackage(ParticipantId identifier, FeldmanCommitment commitment, Scalar ownShare, int minSigners, int maxSigners)
    {
        Identifier = identifier;
        Commitment = commitment;
        OwnShare = ownShare;
        MinSigners = minSigners;
        MaxSigners = maxSigners;
    }

    public ParticipantId Identifier { get; }

    public FeldmanCommitment Commitment { get; }

    internal Scalar OwnShare { get; }

    public int MinSigners { get; }

    public int MaxSigners { get; }

    public void Dispose() => OwnShare.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"Round2SecretPackage({Identifier}, [redacted])";
}

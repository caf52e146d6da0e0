using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.MlDsa.Dkg;

namespace CcTsa.Signer.Vault;

/// <summary>
/// The threshold ML-DSA-65 part of one epoch's share: this node's 6 subset shares (sodium memory,
/// no byte accessor) and the DKG transcript (public key and the share commitments D_S that a
/// redistribution to a replacement node is checked against). Lives and dies with its <see cref="EpochShare"/>.
/// </summary>
public sealed class MlDsaEpochShare(PartyKeyShare key, DkgTranscript transcript) : IDisposable
{
    public PartyKeyShare Key { get; } = key;

    public DkgTranscript Transcript { get; } = transcript;

    public MlDsaPublicKey PublicKey => Key.PublicKey;

    public void Dispose() => Key.Dispose();

    public override string ToString() => "MlDsaEpochShare([redacted])";
}

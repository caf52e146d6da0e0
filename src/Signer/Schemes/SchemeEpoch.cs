namespace CcTsa.Signer.Schemes;

/// <summary>The public facts of one key epoch a scheme signs with: t, the group key's encoding, and the scheme it belongs to.</summary>
internal sealed record SchemeEpoch(int Epoch, int MinSigners, ReadOnlyMemory<byte> GroupKey, string Scheme = FrostEd25519Scheme.SchemeName);

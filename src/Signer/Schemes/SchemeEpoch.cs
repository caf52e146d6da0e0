namespace CcTsa.Signer.Schemes;

/// <summary>The public facts of one key epoch a scheme signs with: t, and the group key's encoding.</summary>
internal sealed record SchemeEpoch(int Epoch, int MinSigners, ReadOnlyMemory<byte> GroupKey);

using CcTsa.Crypto.Frost;

namespace CcTsa.Signer.Vault;

/// <summary>
/// The key material of one epoch as the vault hands it to a protocol step for the duration of a
/// call: the secret <see cref="KeyPackage"/> (no byte accessor) and the public package. Callers
/// must not keep it beyond the callback: the vault disposes it when the share is replaced. The
/// epoch's <see cref="NoncePool"/> lives and dies with the share, so no pre-processed nonce
/// outlives the share it was made for (refresh and repair start a fresh pool).
/// </summary>
public sealed class EpochShare : IDisposable
{
    internal EpochShare(int epoch, KeyPackage key, PublicKeyPackage publicKeys)
    {
        Epoch = epoch;
        Key = key;
        PublicKeys = publicKeys;
        Nonces = new NoncePool(key, NoncePoolCapacity);
    }

    /// <summary>
    /// Most unused nonces per epoch: a stock of a few rounds for every possible coordinator
    /// (16,384 × 64 bytes = 1 MiB of locked slab memory per node and epoch).
    /// </summary>
    public const int NoncePoolCapacity = 16_384;

    public int Epoch { get; }

    public KeyPackage Key { get; }

    public PublicKeyPackage PublicKeys { get; }

    public NoncePool Nonces { get; }

    /// <summary>The epoch's threshold-ECDSA share, once its ceremony stored one (<see cref="ShareVault.StoreEcdsa"/>).</summary>
    public EcdsaEpochShare? Ecdsa { get; internal set; }

    /// <summary>The epoch's threshold ML-DSA-65 share, once a DKG of all five stored one (<see cref="ShareVault.StoreMlDsa"/>).</summary>
    public MlDsaEpochShare? MlDsa { get; internal set; }

    public void Dispose()
    {
        Nonces.Dispose();
        Ecdsa?.Dispose();
        MlDsa?.Dispose();
        Key.Dispose();
    }

    public override string ToString() => $"EpochShare({Epoch}, [redacted])";
}

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Produces the signature over a token's DER-encoded signed attributes (the SET OF, tag 0x31).
/// Production: a FROST threshold signing round over the bus; tests and benchmarks: one in-memory key.
/// The signature format is the algorithm's native one (Ed25519: 64 bytes R‖S; ECDSA: DER Ecdsa-Sig-Value).
/// </summary>
public interface ITokenSigner
{
    TokenSignatureAlgorithm Algorithm { get; }

    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signedAttributesDer, CancellationToken cancellationToken);
}

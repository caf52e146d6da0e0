using CcTsa.Crypto.Rfc3161;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace CcTsa.Crypto.Tests.Rfc3161;

/// <summary>
/// Single in-memory Ed25519 key: the test/benchmark baseline for <see cref="ITokenSigner"/>.
/// Production signs with the FROST threshold group; this type must never move into src.
/// </summary>
public sealed class Ed25519TestSigner : ITokenSigner, IDisposable
{
    private Ed25519PrivateKeyParameters? _key;

    public Ed25519TestSigner() => _key = new Ed25519PrivateKeyParameters(new SecureRandom());

    public TokenSignatureAlgorithm Algorithm => TokenSignatureAlgorithm.Ed25519;

    public byte[] PublicKey => Key.GeneratePublicKey().GetEncoded();

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, Key);
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signedAttributesDer, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Sign(signedAttributesDer.Span));

    public void Dispose() => _key = null;

    public override string ToString() => "Ed25519TestSigner([redacted])";

    private Ed25519PrivateKeyParameters Key => _key ?? throw new ObjectDisposedException(nameof(Ed25519TestSigner));
}

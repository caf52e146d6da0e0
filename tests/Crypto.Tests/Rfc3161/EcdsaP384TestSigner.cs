using System.Security.Cryptography;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Crypto.Tests.Rfc3161;

/// <summary>
/// Single in-memory P-384 key signing ecdsa-with-SHA384 (DER Ecdsa-Sig-Value, as CMS wants it):
/// the stand-in for the DKLs23 threshold key in interop tests. Must never move into src.
/// </summary>
public sealed class EcdsaP384TestSigner : ITokenSigner, IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    public TokenSignatureAlgorithm Algorithm => TokenSignatureAlgorithm.EcdsaP384Sha384;

    /// <summary>SEC1 compressed point (49 bytes), the form CeremonyFinished reports the group key in.</summary>
    public byte[] CompressedPublicKey
    {
        get
        {
            var q = _key.ExportParameters(false).Q;
            return [(byte)(0x02 | (q.Y![^1] & 1)), .. q.X!];
        }
    }

    public byte[] Sign(ReadOnlySpan<byte> message) =>
        _key.SignData(message, HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence);

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signedAttributesDer, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Sign(signedAttributesDer.Span));

    public void Dispose() => _key.Dispose();

    public override string ToString() => "EcdsaP384TestSigner([redacted])";
}

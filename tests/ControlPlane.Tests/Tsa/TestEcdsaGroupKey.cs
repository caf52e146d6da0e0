using System.Security.Cryptography;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>
/// One in-memory P-384 key standing in for the DKLs23 threshold-ECDSA group key in control-plane
/// tests: signs tokens and CSRs with ecdsa-with-SHA384 (DER). Tests only.
/// </summary>
public sealed class TestEcdsaGroupKey : ITokenSigner, IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    public TokenSignatureAlgorithm Algorithm => TokenSignatureAlgorithm.EcdsaP384Sha384;

    /// <summary>SEC1 compressed (49 bytes), as CeremonyFinished and KeyEpochActivated carry it.</summary>
    public byte[] PublicKey
    {
        get
        {
            var q = _key.ExportParameters(false).Q;
            return [(byte)(0x02 | (q.Y![^1] & 1)), .. q.X!];
        }
    }

    public string PublicKeyHex => Convert.ToHexStringLower(PublicKey);

    public byte[] Sign(ReadOnlySpan<byte> message) => _key.SignData(message, HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence);

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signedAttributesDer, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Sign(signedAttributesDer.Span));

    public void Dispose() => _key.Dispose();

    public override string ToString() => "TestEcdsaGroupKey([redacted])";
}

using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Rfc3161;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>
/// One in-memory Ed25519 key standing in for the FROST group key in control-plane tests: it signs
/// tokens (<see cref="ITokenSigner"/>) and CSRs (<see cref="IThresholdSigner"/>). Tests only —
/// production signs through threshold rounds on the signer nodes.
/// </summary>
public sealed class TestGroupKey : ITokenSigner, IThresholdSigner, IDisposable
{
    private Ed25519PrivateKeyParameters? _key = new(new SecureRandom());

    public TokenSignatureAlgorithm Algorithm => TokenSignatureAlgorithm.Ed25519;

    public byte[] PublicKey => Key.GeneratePublicKey().GetEncoded();

    public int CsrSignatures { get; private set; }

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signedAttributesDer, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Sign(signedAttributesDer.Span));

    public Task<Result<byte[], SigningUnavailable>> SignAsync(KeyEpoch epoch, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        CsrSignatures++;
        return Task.FromResult<Result<byte[], SigningUnavailable>>(Sign(message.Span));
    }

    /// <summary>Only the FROST key exists here; another scheme is answered as a fleet without that key would.</summary>
    public Task<Result<byte[], SigningUnavailable>> SignAsync(KeyEpoch epoch, string scheme, ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        scheme == "frost-ed25519"
            ? SignAsync(epoch, message, cancellationToken)
            : Task.FromResult(Result<byte[], SigningUnavailable>.Fail(new SigningUnavailable(Unavailability.BelowQuorum, $"no {scheme} key in this test group")));

    public void Dispose() => _key = null;

    public override string ToString() => "TestGroupKey([redacted])";

    private byte[] Sign(ReadOnlySpan<byte> message) => TestEd25519.Sign(Key, message);

    private Ed25519PrivateKeyParameters Key => _key ?? throw new ObjectDisposedException(nameof(TestGroupKey));
}

using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Crypto.Sharing;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>
/// A 3-of-5 FROST(Ed25519) group made by the dealerless DKG, all five participants in this
/// process (tests only). Every signature — tokens and CSRs alike — is a real threshold signature:
/// Round1 commitments, Round2 shares from three participants (rotating subsets), aggregation.
/// The group private key never exists.
/// </summary>
public sealed class FrostSigningGroup : ITokenSigner, IThresholdSigner, IDisposable
{
    private const int Threshold = 3;
    private const int Participants = 5;
    private readonly Dictionary<ParticipantId, KeyPackage> _keys = [];
    private readonly Lock _rotation = new();
    private int _next;

    public FrostSigningGroup()
    {
        var ids = Enumerable.Range(1, Participants).Select(ParticipantId.FromIndex).ToList();
        var round1 = ids.ToDictionary(i => i, i => Dealerless.Part1(i, Participants, Threshold));
        var round2 = ids.ToDictionary(i => i, i => Dealerless.Part2(round1[i].Secret, [.. ids.Where(j => j != i).Select(j => round1[j].Broadcast)]).Value);
        foreach (var i in ids)
        {
            var inbox = ids.Where(j => j != i).Select(j => round2[j].Outgoing.Single(p => p.Recipient == i)).ToList();
            var (key, publicKeys) = Dealerless.Part3(round2[i].Secret, [.. ids.Where(j => j != i).Select(j => round1[j].Broadcast)], inbox).Value;
            PublicKeys ??= publicKeys;
            if (!PublicKeys.Equals(publicKeys))
                throw new InvalidOperationException("DKG participants disagree on the group key");
            _keys[i] = key;
        }
        foreach (var i in ids)
        {
            round1[i].Secret.Dispose();
            round2[i].Secret.Dispose();
            foreach (var p in round2[i].Outgoing)
                p.Dispose();
        }
    }

    public PublicKeyPackage PublicKeys { get; } = null!;

    /// <summary>The group's RFC 8032 Ed25519 public key (goes into the CSR and the TSA certificate).</summary>
    public byte[] PublicKey => PublicKeys.VerifyingKey.ToArray();

    public TokenSignatureAlgorithm Algorithm => TokenSignatureAlgorithm.Ed25519;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signedAttributesDer, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Sign(signedAttributesDer.Span));

    public Task<Result<byte[], SigningUnavailable>> SignAsync(KeyEpoch epoch, ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        Task.FromResult<Result<byte[], SigningUnavailable>>(Sign(message.Span));

    /// <summary>Only the FROST key exists here; another scheme is answered as a fleet without that key would.</summary>
    public Task<Result<byte[], SigningUnavailable>> SignAsync(KeyEpoch epoch, string scheme, ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        scheme == "frost-ed25519"
            ? SignAsync(epoch, message, cancellationToken)
            : Task.FromResult(Result<byte[], SigningUnavailable>.Fail(new SigningUnavailable(Unavailability.BelowQuorum, $"no {scheme} key in this test group")));

    public void Dispose()
    {
        foreach (var key in _keys.Values)
            key.Dispose();
    }

    public override string ToString() => "FrostSigningGroup([redacted])";

    private byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signers = NextSubset();
        var nonces = signers.Select(Round1.Commit).ToList();
        try
        {
            var package = SigningPackage.Create(nonces.Select(n => n.Commitments), message).Value;
            var shares = signers.Select((key, i) => Round2.Sign(package, nonces[i], key).Value).ToList();
            return Aggregate.Combine(package, shares, PublicKeys).Value.ToArray();
        }
        finally
        {
            foreach (var n in nonces)
                n.Dispose();
        }
    }

    /// <summary>Three of the five, rotating, so every participant's share is exercised.</summary>
    private List<KeyPackage> NextSubset()
    {
        int start;
        lock (_rotation)
            start = _next++;
        var ordered = _keys.OrderBy(k => k.Key).Select(k => k.Value).ToList();
        return [.. Enumerable.Range(0, Threshold).Select(i => ordered[(start + i) % Participants])];
    }
}

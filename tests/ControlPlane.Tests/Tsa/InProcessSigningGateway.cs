using CcTsa.Contracts.Hashing;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>
/// A real in-process signing gateway (tests only): builds each token with the two-phase
/// TokenBuilder under the current epoch's certificate and has it signed by the given signer — the
/// 3-of-5 <see cref="FrostSigningGroup"/> in the front tests. <see cref="Unavailable"/> makes it
/// answer like a cluster below quorum. With <see cref="EcdsaSigner"/> set, a batch under the
/// ecdsa-p384 policy is signed by that key under the epoch's ECDSA certificate, as the fleet will.
/// </summary>
public sealed class InProcessSigningGateway(ITokenSigner signer, CertificateService certificates, TimeProvider time) : ISigningGateway
{
    private int _calls;

    public Unavailability? Unavailable { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The nodes the test gateway names as co-signers of every batch.</summary>
    public static IReadOnlyList<NodeId> Signers { get; } = [NodeId.Parse("n1"), NodeId.Parse("n2"), NodeId.Parse("n3")];

    public int LargestBatch { get; private set; }

    private readonly System.Collections.Concurrent.ConcurrentQueue<LogHead> _heads = new();

    /// <summary>The tree heads declared with the requests it was asked to sign, in order (what the signers would check).</summary>
    public IReadOnlyList<LogHead> Heads => [.. _heads];

    /// <summary>The stand-in for the epoch's threshold-ECDSA key (null: every batch is signed by the FROST signer).</summary>
    public ITokenSigner? EcdsaSigner { get; set; }

    public async Task<Result<SignedBatch, SigningUnavailable>> SignAsync(IReadOnlyList<ValidatedRequest> batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        LargestBatch = Math.Max(LargestBatch, batch.Count);
        if (Unavailable is { } why)
            return Result<SignedBatch, SigningUnavailable>.Fail(new SigningUnavailable(why, "test gateway set unavailable"));
        var epoch = certificates.CurrentEpoch() ?? throw new InvalidOperationException("no TSA certificate installed");
        var ecdsa = EcdsaSigner is not null && CcTsa.ControlPlane.Fleet.BusSigningGateway.PolicyOf(batch) == CcTsa.Crypto.Pki.TsaPolicies.EcdsaP384.Oid;
        var certificate = (ecdsa ? certificates.ForEpoch(epoch, CcTsa.Crypto.Pki.TsaPolicies.EcdsaP384.Scheme) : certificates.ForEpoch(epoch))
            ?? throw new InvalidOperationException($"no certificate of epoch {epoch} for this batch's policy");
        var batchSigner = ecdsa ? EcdsaSigner! : signer;
        var tokens = new List<SignedTimestamp>(batch.Count);
        foreach (var item in batch)
        {
            if (item.Head is { } head) _heads.Enqueue(head);
            var serial = SerialNumber.NewRandom();
            var genTime = time.GetUtcNow();
            var prepared = TokenBuilder.Prepare(item.Request, new TstInfoFields(serial, genTime, TimeSpan.FromMilliseconds(1)), certificate);
            var signature = await batchSigner.SignAsync(prepared.SignedAttributesDer, cancellationToken);
            var token = prepared.CompleteToken(signature);
            var response = TimeStampResponseEncoder.EncodeGranted(token);
            tokens.Add(new SignedTimestamp(item.RequestId, response, serial, genTime, item.Request.Policy,
                ImprintAlgorithms.Name(item.Request.Algorithm), item.Request.HashedMessage.ToArray(), Sha256Hash.Of(token)));
        }
        return new SignedBatch(new KeyEpoch(epoch), Signers, tokens);
    }
}

using CcTsa.Contracts.Hashing;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The tokens of one batch before signing: each request parsed again under the epoch's policy (the
/// control plane validated it, but the coordinator signs only what it understands), a fresh serial
/// embedding genTime (<see cref="TimedSerial"/>) and the batch's genTime from the coordinator's trusted clock. The messages to sign are
/// the signed attributes; their TSTInfo is the evidence participants check. <see cref="Restamp"/>
/// prepares some items again at a later genTime (an item whose threshold ML-DSA run was rejected),
/// so each token carries its own genTime.
/// </summary>
internal sealed class BatchTokens : IPreparedMessages
{
    private readonly IReadOnlyList<(TimestampToSign Item, TimeStampRequest Request, PreparedToken Token, SerialNumber Serial, DateTimeOffset GenTime)> _items;
    private readonly EpochCertificate _certificate;

    private BatchTokens(IReadOnlyList<(TimestampToSign, TimeStampRequest, PreparedToken, SerialNumber, DateTimeOffset)> items, EpochCertificate certificate)
    {
        _items = items;
        _certificate = certificate;
        Messages = [.. items.Select(i => new PreparedMessage(i.Item3.SignedAttributesDer.ToArray(), i.Item3.TstInfoDer.ToArray(), i.Item1.Head))];
    }

    public IReadOnlyList<PreparedMessage> Messages { get; }

    /// <summary>The genTime item <paramref name="index"/> carries now (each restamp moves it).</summary>
    public DateTimeOffset GenTimeOf(int index) => _items[index].GenTime;

    /// <summary>The items that declare a tree head, with the imprint their request asks for (the coordinator checks them as a signer).</summary>
    public IEnumerable<(int Index, LogHead Head, ImprintAlgorithm Algorithm, byte[] Imprint)> Heads() =>
        _items.Select((item, i) => (i, item.Item.Head, item.Request.Algorithm, item.Request.HashedMessage.ToArray()))
            .Where(h => h.Head is not null).Select(h => (h.i, h.Head!, h.Algorithm, h.Item4));

    /// <summary>The same batch with <paramref name="indices"/> prepared again at <paramref name="genTime"/> (fresh serials); the others unchanged.</summary>
    public BatchTokens Restamp(IReadOnlyList<int> indices, DateTimeOffset genTime)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var items = _items.ToArray();
        foreach (var i in indices)
        {
            var (item, request, _, _, _) = items[i];
            var serial = TimedSerial.For(genTime);
            items[i] = (item, request, TokenBuilder.Prepare(request, new TstInfoFields(serial, genTime, _certificate.Accuracy), _certificate.Certificate), serial, genTime);
        }
        return new BatchTokens(items, _certificate);
    }

    public static Result<BatchTokens, SigningRefusal> Prepare(SignTimestampBatch batch, EpochCertificate cert, DateTimeOffset genTime)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(cert);
        if (batch.Items.Count == 0) return Result<BatchTokens, SigningRefusal>.Fail(SigningRefusal.Request("empty batch"));
        var items = new List<(TimestampToSign, TimeStampRequest, PreparedToken, SerialNumber, DateTimeOffset)>(batch.Items.Count);
        for (int i = 0; i < batch.Items.Count; i++)
        {
            var item = batch.Items[i];
            if (!TimeStampRequestParser.TryParse(item.RequestDer, cert.Policies, out var request, out var rejection))
                return Result<BatchTokens, SigningRefusal>.Fail(SigningRefusal.Request($"request {i} rejected: {rejection.StatusText}"));
            var serial = TimedSerial.For(genTime);
            var token = TokenBuilder.Prepare(request, new TstInfoFields(serial, genTime, cert.Accuracy), cert.Certificate);
            items.Add((item, request, token, serial, genTime));
        }
        return new BatchTokens(items, cert);
    }

    /// <summary>
    /// The granted token of item <paramref name="index"/> with its aggregated signature. The
    /// aggregation already verified this signature under the group key; a second check is needed
    /// only if the installed certificate names some other key.
    /// </summary>
    public SignedTimestamp Complete(int index, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> groupKey)
    {
        var verified = _certificate.Certificate.PublicKey.AsSpan().SequenceEqual(groupKey);
        return Signed(index, _items[index].Token.Complete(signature, verified ? SignatureCheck.VerifiedByCaller : SignatureCheck.Verify));
    }

    /// <summary>
    /// The granted hybrid token of item <paramref name="index"/>: the classical signature in the
    /// SignerInfo, the post-quantum one (over the same signed attributes) as its unsigned attribute.
    /// Both aggregations verified their signature under their group key; a second check runs only
    /// if a certificate names another key.
    /// </summary>
    public SignedTimestamp CompleteHybrid(int index, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> groupKey,
        ReadOnlySpan<byte> postQuantumSignature, EpochCertificate postQuantum, ReadOnlySpan<byte> postQuantumGroupKey)
    {
        ArgumentNullException.ThrowIfNull(postQuantum);
        var verified = _certificate.Certificate.PublicKey.AsSpan().SequenceEqual(groupKey)
                       && postQuantum.Certificate.PublicKey.AsSpan().SequenceEqual(postQuantumGroupKey);
        return Signed(index, _items[index].Token.CompleteHybrid(signature, postQuantumSignature, postQuantum.Certificate,
            verified ? SignatureCheck.VerifiedByCaller : SignatureCheck.Verify));
    }

    private SignedTimestamp Signed(int index, byte[] response)
    {
        var (item, request, _, serial, genTime) = _items[index];
        return new SignedTimestamp(
            item.RequestId,
            response,
            serial,
            genTime,
            request.Policy,
            ImprintAlgorithms.Name(request.Algorithm),
            request.HashedMessage.ToArray(),
            Sha256Hash.Of(response));
    }
}

using CcTsa.Contracts.Hashing;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The tokens of one batch before signing: each request parsed again under the epoch's policy (the
/// control plane validated it, but the coordinator signs only what it understands), a fresh serial
/// embedding genTime (<see cref="TimedSerial"/>) and the batch's genTime from the coordinator's trusted clock. The messages to sign are
/// the signed attributes; their TSTInfo is the evidence participants check.
/// </summary>
internal sealed class BatchTokens : IPreparedMessages
{
    private readonly IReadOnlyList<(TimestampToSign Item, TimeStampRequest Request, PreparedToken Token, SerialNumber Serial)> _items;
    private readonly EpochCertificate _certificate;

    private BatchTokens(IReadOnlyList<(TimestampToSign, TimeStampRequest, PreparedToken, SerialNumber)> items, EpochCertificate certificate,
        DateTimeOffset genTime)
    {
        _items = items;
        _certificate = certificate;
        GenTime = genTime;
        Messages = [.. items.Select(i => new PreparedMessage(i.Item3.SignedAttributesDer.ToArray(), i.Item3.TstInfoDer.ToArray()))];
    }

    public IReadOnlyList<PreparedMessage> Messages { get; }

    public DateTimeOffset GenTime { get; }

    public static Result<BatchTokens, SigningRefusal> Prepare(SignTimestampBatch batch, EpochCertificate cert, DateTimeOffset genTime)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(cert);
        if (batch.Items.Count == 0) return Result<BatchTokens, SigningRefusal>.Fail(SigningRefusal.Request("empty batch"));
        var items = new List<(TimestampToSign, TimeStampRequest, PreparedToken, SerialNumber)>(batch.Items.Count);
        for (int i = 0; i < batch.Items.Count; i++)
        {
            var item = batch.Items[i];
            if (!TimeStampRequestParser.TryParse(item.RequestDer, cert.Policies, out var request, out var rejection))
                return Result<BatchTokens, SigningRefusal>.Fail(SigningRefusal.Request($"request {i} rejected: {rejection.StatusText}"));
            var serial = TimedSerial.For(genTime);
            var token = TokenBuilder.Prepare(request, new TstInfoFields(serial, genTime, cert.Accuracy), cert.Certificate);
            items.Add((item, request, token, serial));
        }
        return new BatchTokens(items, cert, genTime);
    }

    /// <summary>
    /// The granted token of item <paramref name="index"/> with its aggregated signature. The
    /// aggregation already verified this signature under the group key; a second check is needed
    /// only if the installed certificate names some other key.
    /// </summary>
    public SignedTimestamp Complete(int index, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> groupKey)
    {
        var (item, request, token, serial) = _items[index];
        var verified = _certificate.Certificate.PublicKey.AsSpan().SequenceEqual(groupKey);
        var response = token.Complete(signature, verified ? SignatureCheck.VerifiedByCaller : SignatureCheck.Verify);
        return new SignedTimestamp(
            item.RequestId,
            response,
            serial,
            GenTime,
            request.Policy,
            ImprintAlgorithms.Name(request.Algorithm),
            request.HashedMessage.ToArray(),
            Sha256Hash.Of(response));
    }
}

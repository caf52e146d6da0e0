using System.Security.Cryptography;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The tokens of one batch before signing: each request parsed again under the epoch's policy (the
/// control plane validated it, but the coordinator signs only what it understands), a fresh random
/// serial and the batch's genTime from the coordinator's trusted clock.
/// </summary>
internal sealed class BatchTokens
{
    private BatchTokens(IReadOnlyList<(TimestampToSign Item, TimeStampRequest Request, PreparedToken Token, SerialNumber Serial)> items, DateTimeOffset genTime)
    {
        Items = items;
        GenTime = genTime;
    }

    public IReadOnlyList<(TimestampToSign Item, TimeStampRequest Request, PreparedToken Token, SerialNumber Serial)> Items { get; }

    public DateTimeOffset GenTime { get; }

    public static BatchTokens? Prepare(SignTimestampBatch batch, EpochCertificate cert, DateTimeOffset genTime, out string? error)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(cert);
        var items = new List<(TimestampToSign, TimeStampRequest, PreparedToken, SerialNumber)>(batch.Items.Count);
        for (int i = 0; i < batch.Items.Count; i++)
        {
            var item = batch.Items[i];
            if (!TimeStampRequestParser.TryParse(item.RequestDer, cert.Policies, out var request, out var rejection))
            {
                error = $"request {i} rejected: {rejection.StatusText}";
                return null;
            }
            var serial = SerialNumber.NewRandom();
            var token = TokenBuilder.Prepare(request, new TstInfoFields(serial, genTime, cert.Accuracy), cert.Certificate);
            items.Add((item, request, token, serial));
        }
        error = null;
        return new BatchTokens(items, genTime);
    }

    /// <summary>The granted token of item <paramref name="index"/> with its aggregated signature.</summary>
    public SignedTimestamp Complete(int index, ReadOnlySpan<byte> signature)
    {
        var (item, request, token, serial) = Items[index];
        var response = token.Complete(signature);
        return new SignedTimestamp(
            item.RequestId,
            response,
            serial.ToHex(),
            GenTime,
            request.Policy,
            ImprintAlgorithms.Name(request.Algorithm),
            Convert.ToHexStringLower(request.HashedMessage.AsSpan()),
            Convert.ToHexStringLower(SHA256.HashData(response)));
    }
}

using System.Collections.Immutable;
using System.Numerics;
using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Crypto.Tests.Rfc3161;

/// <summary>
/// A complete TSA for tests: dev CA (P-384), an Ed25519 key standing in for the threshold group,
/// a TSA certificate issued from a CSR signed by that key, and helpers to request and issue tokens.
/// </summary>
public sealed class TestTsa : IDisposable
{
    public const string Policy = "1.3.6.1.4.1.4146.2.3";
    public const string OtherPolicy = "1.3.6.1.4.1.4146.2.4";
    public static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public TestTsa(string name = "CC-TSA Test", DevCertificateAuthority? ca = null, KeyEpoch? epoch = null)
    {
        Ca = ca ?? DevCertificateAuthority.Create("CN=CC-TSA Dev Root,O=CC-TSA", Now.AddYears(-1), Now.AddYears(10));
        Signer = new Ed25519TestSigner();
        var csr = new CsrBuilder($"CN={name} Ed25519 epoch {(epoch ?? new KeyEpoch(1)).Number},O=CC-TSA", Signer.PublicKey);
        var csrDer = csr.Complete(Signer.Sign(csr.ToBeSigned.Span));
        var terms = new TsaCertificateTerms(Now.AddDays(-1), Now.AddYears(2), epoch ?? new KeyEpoch(1), [.. SHA384.HashData("signer image"u8)]);
        CertificateDer = Ca.IssueTsaCertificate(csrDer, terms).Value;
        Certificate = TsaCertificate.Parse(CertificateDer);
    }

    public DevCertificateAuthority Ca { get; }

    public Ed25519TestSigner Signer { get; }

    public byte[] CertificateDer { get; }

    public TsaCertificate Certificate { get; }

    public TsaPolicySet Policies { get; } = new(Policy, OtherPolicy);

    public TokenVerificationOptions Options(byte[]? crl = null, bool giveTsaCert = true) =>
        new(Ca.CertificateDer, crl, giveTsaCert ? CertificateDer : null);

    public static byte[] RequestFor(byte[] data, ImprintAlgorithm algorithm = ImprintAlgorithm.Sha256, bool certReq = true, BigInteger? nonce = null, string? policy = null) =>
        TimeStampRequestEncoder.Encode(algorithm, ImprintAlgorithms.Hash(algorithm, data), policy, nonce ?? 0x1234_5678_9abc_def0, certReq);

    public TimeStampRequest Parse(byte[] requestDer)
    {
        Assert.True(TimeStampRequestParser.TryParse(requestDer, Policies, out var request, out var rejection), rejection?.StatusText);
        return request;
    }

    /// <summary>Issues a granted TimeStampResp for <paramref name="data"/>.</summary>
    public byte[] Issue(byte[] data, bool certReq = true, DateTimeOffset? genTime = null, ImprintAlgorithm algorithm = ImprintAlgorithm.Sha256)
    {
        var request = Parse(RequestFor(data, algorithm, certReq));
        var fields = new TstInfoFields(SerialNumber.NewRandom(), genTime ?? Now, TimeSpan.FromMicroseconds(50));
        return TokenBuilder.IssueAsync(request, fields, Certificate, Signer, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    public static byte[] TokenOf(byte[] response)
    {
        Assert.True(TimeStampResponseReader.TryRead(response, out var parsed, out var error), error);
        return parsed.Token!.Value.ToArray();
    }

    public void Dispose()
    {
        Signer.Dispose();
        Ca.Dispose();
    }
}

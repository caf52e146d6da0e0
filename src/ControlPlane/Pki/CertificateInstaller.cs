using System.Text;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Pki;

/// <summary>
/// Makes a certificate the certificate of its epoch: records CertificateIssued, then writes the
/// served copy under data/pki. Used by <see cref="CertificateService"/> for the development CA and
/// by `cctsa ca import` for an external CA, which first checks the certificate against the pending
/// CSR with <see cref="CertificateImportRules"/>.
/// </summary>
public sealed class CertificateInstaller(PkiLayout layout, ICertificateJournal journal, TimeProvider time, ILogger<CertificateInstaller> logger)
{
    private readonly SemaphoreSlim _writes = new(1, 1);

    /// <summary>
    /// External-CA flow: the first PEM certificate of <paramref name="pemBundle"/> is the TSA
    /// certificate, the rest its issuing chain; it is installed for the pending epoch (and scheme)
    /// whose CSR it answers.
    /// </summary>
    public async Task<Result<(KeyEpoch Epoch, TsaCertificate Certificate), ImportError>> ImportAsync(string pemBundle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pemBundle);
        IReadOnlyList<byte[]> blocks;
        try
        {
            blocks = Pem.DecodeAll(pemBundle, Pem.Certificate);
        }
        catch (FormatException)
        {
            blocks = [];
        }
        if (blocks.Count == 0 || !TsaCertificate.TryParse(blocks[0], out var certificate, out _))
            return Fail(ImportFailure.Unreadable, "no decodable PEM certificate with an Ed25519, P-384 or ML-DSA-65 key");
        // the CSRs of every scheme (FROST, ECDSA): the certificate's key decides which it answers
        var pending = layout.PendingRequests();
        if (pending.Count == 0)
            return Fail(ImportFailure.NoPendingRequest, "no CSR is waiting for a certificate; run `cctsa ca csr` first");

        var chain = blocks.Skip(1).ToArray();
        ImportError? answer = null;
        foreach (var (epoch, scheme) in pending.Reverse())
        {
            var csrPem = await File.ReadAllTextAsync(layout.EpochCsr(epoch, scheme), cancellationToken).ConfigureAwait(false);
            if (!Pem.TryDecode(csrPem, Pem.CertificateRequest, out var csrDer))
                continue;
            var error = CertificateImportRules.Check(certificate, csrDer, chain, time.GetUtcNow());
            if (error is null)
            {
                await InstallAsync(new KeyEpoch(epoch), certificate, chain, externalCa: true, cancellationToken).ConfigureAwait(false);
                return Result<(KeyEpoch, TsaCertificate), ImportError>.Ok((new KeyEpoch(epoch), certificate));
            }
            // a key mismatch only means "the CSR of another epoch"; any other finding is the answer
            if (answer is null || answer.Failure == ImportFailure.KeyMismatch)
                answer = error;
        }
        return Result<(KeyEpoch, TsaCertificate), ImportError>.Fail(answer ?? new ImportError(ImportFailure.NoPendingRequest, "no readable pending CSR"));
    }

    /// <summary>Records CertificateIssued (durable first), then serves the certificate (and chain) from data/pki.</summary>
    public async Task InstallAsync(KeyEpoch epoch, TsaCertificate certificate, IReadOnlyList<byte[]> chain, bool externalCa, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(chain);
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await journal.RecordIssuedAsync(epoch, certificate, externalCa, cancellationToken).ConfigureAwait(false);
            if (chain.Count > 0)
                layout.WritePublic(layout.ExternalChain, Encoding.ASCII.GetBytes(string.Concat(chain.Select(c => Pem.Encode(Pem.Certificate, c)))));
            layout.WritePublic(layout.EpochCertificate(epoch.Number, EventLogCertificateJournal.SchemeOf(certificate.Algorithm)), Encoding.ASCII.GetBytes(Pem.Encode(Pem.Certificate, certificate.Der.AsSpan())));
        }
        finally
        {
            _writes.Release();
        }
        TsaLog.CertificateInstalled(logger, epoch.Number, Convert.ToHexStringLower(certificate.SerialNumber.AsSpan()));
    }

    private static Result<(KeyEpoch, TsaCertificate), ImportError> Fail(ImportFailure failure, string message) =>
        Result<(KeyEpoch, TsaCertificate), ImportError>.Fail(new ImportError(failure, message));
}

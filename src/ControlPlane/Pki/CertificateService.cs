using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Numerics;
using System.Text;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Pki;

/// <summary>
/// The TSA's certificates, one per key epoch: CSR signed by the threshold key (proof of
/// possession), issued by the development CA or imported from an external CA, recorded in the
/// audit log; revocation and the CRL. Files under data/pki (see <see cref="PkiLayout"/>) are the
/// served copies; the audit log holds the facts.
/// </summary>
public sealed class CertificateService(
    PkiLayout layout, CaStore caStore, IThresholdSigner signer, ICertificateJournal journal, CertificateInstaller installer,
    PkiOptions options, TimeProvider time, ILogger<CertificateService> logger)
{
    private readonly ConcurrentDictionary<int, TsaCertificate> _byEpoch = new();
    private readonly SemaphoreSlim _writes = new(1, 1);

    /// <summary>The CA certificate (development root, or the top of an imported chain), PEM.</summary>
    public string? CaPem()
    {
        if (File.Exists(layout.CaCertificate))
            return File.ReadAllText(layout.CaCertificate);
        if (File.Exists(layout.ExternalChain))
            return Pem.DecodeAll(File.ReadAllText(layout.ExternalChain), Pem.Certificate) is { Count: > 0 } chain
                ? Pem.Encode(Pem.Certificate, chain[^1]) : null;
        return null;
    }

    /// <summary>The highest epoch that has a certificate, or null before the first one.</summary>
    public int? CurrentEpoch() => layout.InstalledEpochs() is { Count: > 0 } epochs ? epochs[^1] : null;

    /// <summary>Epoch numbers that have a certificate file under data/pki/epochs, ascending.</summary>
    public IReadOnlyList<int> EpochsOnDisk() => layout.InstalledEpochs();

    public string? CurrentTsaPem() => CurrentEpoch() is { } n ? EpochPem(n) : null;

    public string? EpochPem(int epoch) =>
        epoch >= 1 && File.Exists(layout.EpochCertificate(epoch)) ? File.ReadAllText(layout.EpochCertificate(epoch)) : null;

    public TsaCertificate? ForEpoch(int epoch)
    {
        if (_byEpoch.TryGetValue(epoch, out var cached))
            return cached;
        if (EpochPem(epoch) is not { } pem || !Pem.TryDecode(pem, Pem.Certificate, out var der) || !TsaCertificate.TryParse(der, out var parsed, out _))
            return null;
        return _byEpoch.GetOrAdd(epoch, parsed);
    }

    public TsaCertificate? Current() => CurrentEpoch() is { } n ? ForEpoch(n) : null;

    /// <summary>
    /// Sets the certificate file of <paramref name="epoch"/> aside (data/pki/foreign/) because it is
    /// not for the key the log records for that epoch; a CSR of the epoch goes with it. Returns where
    /// it went, or null when there was no file.
    /// </summary>
    public string? SetAside(int epoch)
    {
        var file = layout.EpochCertificate(epoch);
        if (!File.Exists(file))
            return null;
        var tag = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)))[..16];
        Directory.CreateDirectory(layout.Foreign);
        var target = Path.Combine(layout.Foreign, $"{epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{tag}.pem");
        File.Move(file, target, overwrite: true);
        if (File.Exists(layout.EpochCsr(epoch)))
            File.Move(layout.EpochCsr(epoch), Path.Combine(layout.Foreign, $"{epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{tag}.csr.pem"), overwrite: true);
        _byEpoch.TryRemove(epoch, out _);
        return target;
    }

    /// <summary>
    /// Makes the certificate of a new epoch: CSR signed by the threshold key, then issued by the
    /// development CA and installed — or, with an external CA, left pending for `cctsa ca import`.
    /// </summary>
    public async Task<Result<ProvisionOutcome, ProvisionFailure>> ProvisionEpochAsync(KeyEpoch epoch, ReadOnlyMemory<byte> groupPublicKey,
        ImmutableArray<byte> launchMeasurement, CancellationToken cancellationToken)
    {
        var signed = await CreateCsrAsync(epoch, groupPublicKey, cancellationToken).ConfigureAwait(false);
        if (!signed.TryGet(out var csr, out var notSigned))
            return Result<ProvisionOutcome, ProvisionFailure>.Fail(ProvisionFailure.CsrNotSigned(notSigned));
        if (options.ExternalCa)
            return new ProvisionOutcome(null, Pem.Encode(Pem.CertificateRequest, csr));

        if (!caStore.TryLoadOrCreate(out var ca, out var caError))
            return Result<ProvisionOutcome, ProvisionFailure>.Fail(ProvisionFailure.CaRefused("Development CA unusable: " + caError));
        using (ca)
        {
            var now = time.GetUtcNow();
            var terms = new TsaCertificateTerms(now.AddMinutes(-5), now + options.CertificateValidity, epoch, launchMeasurement, options.TokenAccuracy, options.TsaPolicies);
            var issued = ca.IssueTsaCertificate(csr, terms);
            if (!issued.IsOk)
                return Result<ProvisionOutcome, ProvisionFailure>.Fail(ProvisionFailure.CaRefused("Development CA refused our own CSR: " + issued.Error.Message));
            var certificate = TsaCertificate.Parse(issued.Value);
            await installer.InstallAsync(epoch, certificate, [], externalCa: false, cancellationToken).ConfigureAwait(false);
            return new ProvisionOutcome(certificate, null);
        }
    }

    /// <summary>The CSR for an epoch, signed by the threshold key itself; kept as pending until a certificate is installed. Below quorum is a value.</summary>
    public async Task<Result<byte[], SigningUnavailable>> CreateCsrAsync(KeyEpoch epoch, ReadOnlyMemory<byte> groupPublicKey, CancellationToken cancellationToken)
    {
        var builder = new CsrBuilder(PkiOptions.SubjectFor(epoch), groupPublicKey.Span);
        var signed = await signer.SignAsync(epoch, builder.ToBeSigned, cancellationToken).ConfigureAwait(false);
        if (!signed.TryGet(out var signature, out var notSigned)) return Result<byte[], SigningUnavailable>.Fail(notSigned);
        var csr = builder.Complete(signature);
        layout.WritePublic(layout.EpochCsr(epoch.Number), Encoding.ASCII.GetBytes(Pem.Encode(Pem.CertificateRequest, csr)));
        return csr;
    }

    /// <summary>The pending CSR (PEM) of the latest epoch still waiting for an external CA.</summary>
    public string? PendingCsrPem() =>
        layout.PendingEpochs() is { Count: > 0 } pending ? File.ReadAllText(layout.EpochCsr(pending[^1])) : null;

    /// <summary>External-CA flow (see <see cref="CertificateInstaller.ImportAsync"/>).</summary>
    public Task<Result<(KeyEpoch Epoch, TsaCertificate Certificate), ImportError>> ImportAsync(string pemBundle, CancellationToken cancellationToken) =>
        installer.ImportAsync(pemBundle, cancellationToken);

    /// <summary>
    /// Revokes an epoch's certificate. keyCompromise needs the compromise time (CRL invalidityDate);
    /// routine rotation uses superseded or cessationOfOperation. With the development CA the CRL is
    /// re-issued at once; with an external CA the event is recorded and the CA must be asked to revoke.
    /// </summary>
    public async Task RevokeAsync(KeyEpoch epoch, CrlRevocationReason reason, DateTimeOffset? compromisedAt, CancellationToken cancellationToken)
    {
        if (reason == CrlRevocationReason.KeyCompromise && compromisedAt is null)
            throw new ArgumentException("keyCompromise revocation needs the compromise time", nameof(compromisedAt));
        var certificate = ForEpoch(epoch.Number) ?? throw new InvalidOperationException($"No certificate for {epoch} to revoke.");
        var now = time.GetUtcNow();
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (caStore.Exists)
            {
                var serial = new BigInteger(certificate.SerialNumber.AsSpan(), isUnsigned: true, isBigEndian: true);
                var (entries, number) = ReadCrl();
                if (!entries.Any(e => e.Serial == serial))
                    entries = [.. entries, new Revocation(serial, now, reason, compromisedAt)];
                WriteCrl(entries, number + 1, now);
            }
            await journal.RecordRevokedAsync(epoch, certificate, reason, now, compromisedAt, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writes.Release();
        }
        TsaLog.CertificateRevoked(logger, epoch.Number, reason.ToString());
    }

    /// <summary>The development CA's current CRL (DER), re-issued when half its validity has passed; null with an external CA.</summary>
    public byte[]? CrlDer()
    {
        if (!caStore.Exists)
            return null;
        var now = time.GetUtcNow();
        if (File.Exists(layout.Crl))
        {
            var current = File.ReadAllBytes(layout.Crl);
            if (CrlEntries.Read(current).ThisUpdate + (options.CrlValidity / 2) > now)
                return current;
        }
        _writes.Wait();
        try
        {
            var (entries, number) = ReadCrl();
            WriteCrl(entries, number + 1, now);
            return File.ReadAllBytes(layout.Crl);
        }
        finally
        {
            _writes.Release();
        }
    }

    private (IReadOnlyList<Revocation> Entries, BigInteger Number) ReadCrl()
    {
        if (!File.Exists(layout.Crl))
            return ([], BigInteger.Zero);
        var (entries, number, _) = CrlEntries.Read(File.ReadAllBytes(layout.Crl));
        return (entries, number);
    }

    private void WriteCrl(IReadOnlyList<Revocation> entries, BigInteger number, DateTimeOffset now)
    {
        if (!caStore.TryLoad(out var ca, out var error))
            throw new InvalidOperationException("Development CA unusable: " + error);
        using (ca)
        {
            var builder = new CrlBuilder();
            foreach (var e in entries)
                builder.AddRevocation(e.Serial, e.RevokedAt, e.Reason, e.CompromisedAt);
            layout.WritePublic(layout.Crl, builder.Build(ca, number, now, now + options.CrlValidity));
        }
    }
}

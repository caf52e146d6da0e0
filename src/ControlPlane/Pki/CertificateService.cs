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
/// The TSA's certificates, one per key epoch and scheme (FROST-Ed25519; ECDSA P-384 when the epoch
/// has that key too): CSR signed by the threshold key (proof of possession), issued by the
/// development CA or imported from an external CA (FROST only), recorded in the audit log;
/// revocation and the CRL. Files under data/pki (see <see cref="PkiLayout"/>) are the
/// served copies; the audit log holds the facts.
/// </summary>
public sealed class CertificateService(
    PkiLayout layout, CaStore caStore, IThresholdSigner signer, ICertificateJournal journal, CertificateInstaller installer,
    PkiOptions options, TimeProvider time, ILogger<CertificateService> logger)
{
    private const string Frost = "frost-ed25519";
    private readonly ConcurrentDictionary<(int Epoch, string Scheme), TsaCertificate> _byEpoch = new();
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

    public string? EpochPem(int epoch) => EpochPem(epoch, Frost);

    public string? EpochPem(int epoch, string scheme) =>
        epoch >= 1 && File.Exists(layout.EpochCertificate(epoch, scheme)) ? File.ReadAllText(layout.EpochCertificate(epoch, scheme)) : null;

    public TsaCertificate? ForEpoch(int epoch) => ForEpoch(epoch, Frost);

    /// <summary>The certificate of <paramref name="scheme"/>'s key in <paramref name="epoch"/>, or null.</summary>
    public TsaCertificate? ForEpoch(int epoch, string scheme)
    {
        if (_byEpoch.TryGetValue((epoch, scheme), out var cached))
            return cached;
        if (EpochPem(epoch, scheme) is not { } pem || !Pem.TryDecode(pem, Pem.Certificate, out var der) || !TsaCertificate.TryParse(der, out var parsed, out _))
            return null;
        return _byEpoch.GetOrAdd((epoch, scheme), parsed);
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
        _byEpoch.TryRemove((epoch, Frost), out _);
        return target;
    }

    /// <summary>
    /// Makes the certificate of a new epoch: CSR signed by the threshold key, then issued by the
    /// development CA and installed — or, with an external CA, left pending for `cctsa ca import`.
    /// </summary>
    public Task<Result<ProvisionOutcome, ProvisionFailure>> ProvisionEpochAsync(KeyEpoch epoch, ReadOnlyMemory<byte> groupPublicKey,
        ImmutableArray<byte> launchMeasurement, CancellationToken cancellationToken) =>
        ProvisionEpochAsync(epoch, Frost, groupPublicKey, launchMeasurement, cancellationToken);

    /// <summary>
    /// The same for <paramref name="scheme"/>'s key of the epoch; the certificate certifies that
    /// scheme's policy only (certificatePolicies), so a signer never issues one policy under the other's key.
    /// </summary>
    public async Task<Result<ProvisionOutcome, ProvisionFailure>> ProvisionEpochAsync(KeyEpoch epoch, string scheme, ReadOnlyMemory<byte> groupPublicKey,
        ImmutableArray<byte> launchMeasurement, CancellationToken cancellationToken)
    {
        var signed = await CreateCsrAsync(epoch, scheme, groupPublicKey, cancellationToken).ConfigureAwait(false);
        if (!signed.TryGet(out var csr, out var notSigned))
            return Result<ProvisionOutcome, ProvisionFailure>.Fail(ProvisionFailure.CsrNotSigned(notSigned));
        if (options.ExternalCa)
            return new ProvisionOutcome(null, Pem.Encode(Pem.CertificateRequest, csr));

        if (!caStore.TryLoadOrCreate(out var ca, out var caError))
            return Result<ProvisionOutcome, ProvisionFailure>.Fail(ProvisionFailure.CaRefused("Development CA unusable: " + caError));
        using (ca)
        {
            var now = time.GetUtcNow();
            var terms = new TsaCertificateTerms(now.AddMinutes(-5), now + options.CertificateValidity, epoch, launchMeasurement, options.TokenAccuracy, PoliciesFor(scheme));
            var issued = ca.IssueTsaCertificate(csr, terms);
            if (!issued.IsOk)
                return Result<ProvisionOutcome, ProvisionFailure>.Fail(ProvisionFailure.CaRefused("Development CA refused our own CSR: " + issued.Error.Message));
            var certificate = TsaCertificate.Parse(issued.Value);
            await installer.InstallAsync(epoch, certificate, [], externalCa: false, cancellationToken).ConfigureAwait(false);
            // the file now holds this one: a certificate it replaced (the ML-DSA-65 key re-keyed) must not be served from the cache
            _byEpoch[(epoch.Number, scheme)] = certificate;
            return new ProvisionOutcome(certificate, null);
        }
    }

    /// <summary>The CSR for an epoch, signed by the threshold key itself; kept as pending until a certificate is installed. Below quorum is a value.</summary>
    public Task<Result<byte[], SigningUnavailable>> CreateCsrAsync(KeyEpoch epoch, ReadOnlyMemory<byte> groupPublicKey, CancellationToken cancellationToken) =>
        CreateCsrAsync(epoch, Frost, groupPublicKey, cancellationToken);

    /// <summary>The CSR for <paramref name="scheme"/>'s key of an epoch (ECDSA: SEC1 point, signed ecdsa-with-SHA384 by the fleet).</summary>
    public async Task<Result<byte[], SigningUnavailable>> CreateCsrAsync(KeyEpoch epoch, string scheme, ReadOnlyMemory<byte> groupPublicKey, CancellationToken cancellationToken)
    {
        var policy = TsaPolicies.ByScheme(scheme) ?? throw new ArgumentException($"no TSA policy for scheme '{scheme}'", nameof(scheme));
        var builder = new CsrBuilder(PkiOptions.SubjectFor(epoch, policy), policy.Algorithm, groupPublicKey.Span);
        var signed = await signer.SignAsync(epoch, scheme, builder.ToBeSigned, cancellationToken).ConfigureAwait(false);
        if (!signed.TryGet(out var signature, out var notSigned)) return Result<byte[], SigningUnavailable>.Fail(notSigned);
        byte[] csr;
        try
        {
            csr = builder.Complete(signature);
        }
        catch (ArgumentException)
        {
            // the fleet answered with a signature that does not verify: a signing fault, not our bug
            return Result<byte[], SigningUnavailable>.Fail(new SigningUnavailable(Unavailability.BelowQuorum,
                $"the {scheme} signature of the epoch {epoch.Number} CSR does not verify under the group key"));
        }
        layout.WritePublic(layout.EpochCsr(epoch.Number, scheme), Encoding.ASCII.GetBytes(Pem.Encode(Pem.CertificateRequest, csr)));
        return csr;
    }

    /// <summary>
    /// certificatePolicies of a certificate for <paramref name="scheme"/>'s key. FROST: the
    /// configured policies less those of another scheme (its certificate never certifies the ECDSA
    /// policy); any other scheme: exactly the policies its key signs — its own and the hybrid one it
    /// takes part in (ECDSA P-384: the SignerInfo, ML-DSA-65: the unsigned attribute; docs/TOKENS.md).
    /// </summary>
    public ImmutableArray<string> PoliciesFor(string scheme)
    {
        if (scheme != Frost)
            return [.. TsaPolicies.SignedBy(scheme).Select(p => p.Oid)];
        return options.TsaPolicies.IsDefault ? [] : [.. options.TsaPolicies.Where(p => TsaPolicies.ByOid(p) is not { } known || known.Scheme == Frost)];
    }

    /// <summary>The pending CSR (PEM) of the latest epoch still waiting for an external CA.</summary>
    public string? PendingCsrPem() =>
        layout.PendingEpochs() is { Count: > 0 } pending ? File.ReadAllText(layout.EpochCsr(pending[^1])) : null;

    /// <summary>External-CA flow (see <see cref="CertificateInstaller.ImportAsync"/>).</summary>
    public async Task<Result<(KeyEpoch Epoch, TsaCertificate Certificate), ImportError>> ImportAsync(string pemBundle, CancellationToken cancellationToken)
    {
        var imported = await installer.ImportAsync(pemBundle, cancellationToken).ConfigureAwait(false);
        if (imported.TryGet(out var installed, out _))
            _byEpoch[(installed.Epoch.Number, EventLogCertificateJournal.SchemeOf(installed.Certificate.Algorithm))] = installed.Certificate;
        return imported;
    }

    /// <summary>
    /// Revokes an epoch's certificates (FROST and, when the epoch has one, ECDSA). keyCompromise needs the compromise time (CRL invalidityDate);
    /// routine rotation uses superseded or cessationOfOperation. With the development CA the CRL is
    /// re-issued at once; with an external CA the event is recorded and the CA must be asked to revoke.
    /// </summary>
    public async Task RevokeAsync(KeyEpoch epoch, CrlRevocationReason reason, DateTimeOffset? compromisedAt, CancellationToken cancellationToken)
    {
        if (reason == CrlRevocationReason.KeyCompromise && compromisedAt is null)
            throw new ArgumentException("keyCompromise revocation needs the compromise time", nameof(compromisedAt));
        var certificate = ForEpoch(epoch.Number) ?? throw new InvalidOperationException($"No certificate for {epoch} to revoke.");
        // the epoch's other keys (ECDSA) were made by the same ceremony and go with it
        IReadOnlyList<TsaCertificate> all = [certificate, .. TsaPolicies.All.Select(p => p.Scheme).Where(s => s != Frost).Distinct()
            .Select(s => ForEpoch(epoch.Number, s)).OfType<TsaCertificate>()];
        await RevokeAsync(epoch, all, reason, compromisedAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Revokes one certificate of an epoch and no other: the ML-DSA-65 certificate a re-key replaced
    /// (superseded), while the epoch's classical certificates stay valid.
    /// </summary>
    public Task RevokeReplacedAsync(KeyEpoch epoch, TsaCertificate replaced, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replaced);
        var scheme = EventLogCertificateJournal.SchemeOf(replaced.Algorithm);
        if (ForEpoch(epoch.Number, scheme) is { } current && current.SerialNumber.AsSpan().SequenceEqual(replaced.SerialNumber.AsSpan()))
            throw new InvalidOperationException($"the {scheme} certificate of {epoch} is still the installed one: only a replaced certificate is revoked alone");
        return RevokeAsync(epoch, [replaced], CrlRevocationReason.Superseded, null, cancellationToken);
    }

    private async Task RevokeAsync(KeyEpoch epoch, IReadOnlyList<TsaCertificate> all, CrlRevocationReason reason, DateTimeOffset? compromisedAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (caStore.Exists)
            {
                var (entries, number) = ReadCrl();
                foreach (var serial in all.Select(c => new BigInteger(c.SerialNumber.AsSpan(), isUnsigned: true, isBigEndian: true)))
                    if (!entries.Any(e => e.Serial == serial))
                        entries = [.. entries, new Revocation(serial, now, reason, compromisedAt)];
                WriteCrl(entries, number + 1, now);
            }
            foreach (var c in all)
                await journal.RecordRevokedAsync(epoch, c, reason, now, compromisedAt, cancellationToken).ConfigureAwait(false);
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

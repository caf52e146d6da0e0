using System.Security.Cryptography;
using Org.BouncyCastle.X509;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// Verifies an SEV-SNP report end to end: ARK (trusted anchor, self-signed) → ASK → VCEK with
/// RSA-PSS SHA-384, the report's ECDSA P-384 signature by the VCEK, the VCEK's TCB and hardware-id
/// extensions against REPORTED_TCB and CHIP_ID, then the guest policy, measurement allow-list,
/// minimum TCB and REPORT_DATA binding. Pure: no I/O, no clock (AMD certificates carry long
/// validity periods and the chain is pinned to embedded anchors, so dates are not what protects it).
/// The first failed check is returned, each with its own <see cref="AttestationFailure"/>.
/// </summary>
public sealed class SnpReportVerifier(AmdTrustAnchors anchors)
{
    public SnpReportVerifier() : this(AmdTrustAnchors.Genuine) { }

    public AttestationVerdict Verify(ReadOnlySpan<byte> reportBytes, AttestationChain chain, AttestationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(policy);
        if (!SnpReport.Parse(reportBytes).TryGet(out var report, out var parseError))
            return Fail(parseError, null);
        var v = new Builder(report);
        var signedBy = report.SigningKey switch { 0 => (EndorsementKind?)EndorsementKind.Vcek, 1 => EndorsementKind.Vlek, _ => null };
        if (signedBy != chain.Endorsement)
            return v.Fail(AttestationFailure.EndorsementKeyKindMismatch,
                $"the report's SIGNING_KEY is {(signedBy?.ToString() ?? report.SigningKey.ToString(System.Globalization.CultureInfo.InvariantCulture))}, but a {chain.Endorsement} was supplied");
        if (report.SignatureAlgo != SnpReport.EcdsaP384Sha384)
            return v.Fail(AttestationFailure.UnsupportedSignatureAlgorithm, $"signature algorithm {report.SignatureAlgo} is not ECDSA P-384/SHA-384 (1)");

        var vcekCerts = CertificateReader.ReadAll(chain.Vcek.AsSpan());
        if (vcekCerts.Count != 1) return v.Fail(AttestationFailure.MalformedCertificate, "the VCEK is not a readable certificate");
        var vcek = vcekCerts[0];

        var issuerAnchor = anchors.ForVcekIssuer(vcek);
        var ask = chain.Ask is { } askDer ? One(askDer.AsSpan()) : issuerAnchor?.Ask;
        var ark = chain.Ark is { } arkDer ? One(arkDer.AsSpan()) : issuerAnchor?.Ark;
        if (ask is null || ark is null)
        {
            return issuerAnchor is null && (chain.Ask is null || chain.Ark is null)
                ? v.Fail(AttestationFailure.ArkNotTrusted, $"no trusted AMD root issued this VCEK ({vcek.IssuerDN})")
                : v.Fail(AttestationFailure.MalformedCertificate, "the ASK or ARK is not a readable certificate");
        }

        v.Simulated = AmdTrustAnchors.IsSimulated(ark);
        if (v.Simulated && !policy.AllowSimulatedRoot)
            return v.Fail(AttestationFailure.SimulatedRootRefused, "the chain ends in a simulated AMD root, refused by a production policy");
        if (anchors.ForArk(ark) is not { } anchor)
            return v.Fail(AttestationFailure.ArkNotTrusted, $"the ARK ({ark.SubjectDN}) is not one of the trusted AMD roots");
        v.Product = anchor.Product;
        if (!AmdSignatures.IsPssSha384SignedBy(ark, ark))
            return v.Fail(AttestationFailure.ArkSignatureInvalid, "the ARK self-signature is not valid RSA-PSS SHA-384");
        if (!AmdSignatures.IsPssSha384SignedBy(ask, ark))
            return v.Fail(AttestationFailure.AskSignatureInvalid, "the ASK is not signed by the ARK (RSA-PSS SHA-384, salt 48)");
        if (!AmdSignatures.IsPssSha384SignedBy(vcek, ask))
            return v.Fail(AttestationFailure.VcekSignatureInvalid, "the VCEK is not signed by the ASK (RSA-PSS SHA-384, salt 48)");

        var key = AmdSignatures.P384Key(vcek);
        if (key is null) return v.Fail(AttestationFailure.VcekExtensionsInvalid, "the VCEK key is not ECDSA P-384");
        var vlek = chain.Endorsement == EndorsementKind.Vlek;
        if (!VcekExtensions.TryRead(vcek, out var ext, out var extError, requireHardwareId: !vlek))
            return v.Fail(AttestationFailure.VcekExtensionsInvalid, extError);
        v.Vcek = ext;
        // the chip and TCB are compared before the signature so that a genuine report offered with
        // another chip's VCEK is refused as exactly that, not as a bare signature failure
        var reported = report.ReportedTcb.Decode(v.Product);
        if (!vlek && !ChipIdMatches(ext!.HardwareId.AsSpan(), report.ChipId.AsSpan()))
            return v.Fail(AttestationFailure.ChipIdMismatch, "the VCEK belongs to another chip: its hardware id differs from the report's CHIP_ID");
        if (!SameTcb(ext!.Tcb, reported, v.Product))
            return v.Fail(AttestationFailure.TcbMismatchWithVcek, $"VCEK TCB {ext.Tcb} differs from REPORTED_TCB {reported}");
        if (!AmdSignatures.VerifyReport(report, key))
            return v.Fail(AttestationFailure.ReportSignatureInvalid, $"the report signature does not verify under the {chain.Endorsement}");

        if (report.Vmpl != 0 && policy.RequireVmpl0)
            return v.Fail(AttestationFailure.VmplNotZero, $"the report was requested at VMPL {report.Vmpl}, not 0");
        if (report.Policy.DebugAllowed && !policy.AllowDebug)
            return v.Fail(AttestationFailure.DebugAllowed, $"guest policy {report.Policy} allows debugging");
        if (report.Policy.MigrationAgentAllowed && !policy.AllowMigrationAgent)
            return v.Fail(AttestationFailure.MigrationAgentAllowed, $"guest policy {report.Policy} allows a migration agent");
        if (report.Policy.SmtAllowed && !policy.AllowSmt)
            return v.Fail(AttestationFailure.SmtAllowed, $"guest policy {report.Policy} allows SMT, which this policy forbids");
        if (policy.AllowedMeasurements is { } allowed && !allowed.Contains(report.Measurement))
            return v.Fail(AttestationFailure.MeasurementNotAllowed, $"measurement {report.Measurement} is not in the allow-list");
        if (policy.MinimumTcb is { } min && !reported.IsAtLeast(min))
            return v.Fail(AttestationFailure.TcbBelowMinimum, $"REPORTED_TCB {reported} is below the minimum {min}");
        if (policy.ExpectedReportData is { } expected
            && (expected.Length != 64 || !CryptographicOperations.FixedTimeEquals(expected.AsSpan(), report.ReportData.AsSpan())))
            return v.Fail(AttestationFailure.ReportDataMismatch, "REPORT_DATA does not bind the expected channel key and nonce");
        return v.Ok();
    }

    private static AttestationVerdict Fail(AttestationError error, SnpReport? report) =>
        new(error, report, SnpProduct.Unknown, null, false);

    private static X509Certificate? One(ReadOnlySpan<byte> der)
    {
        var certs = CertificateReader.ReadAll(der);
        return certs.Count == 1 ? certs[0] : null;
    }

    private static bool SameTcb(TcbParts vcek, TcbParts reported, SnpProduct product) =>
        vcek.BootLoader == reported.BootLoader && vcek.Tee == reported.Tee && vcek.Snp == reported.Snp
        && vcek.Microcode == reported.Microcode && (product != SnpProduct.Turin || (vcek.Fmc ?? 0) == (reported.Fmc ?? 0));

    /// <summary>
    /// Milan/Genoa hardware ids are the full 64-byte CHIP_ID; Turin's VCEK carries an 8-byte id that
    /// is the start of CHIP_ID, the rest of which must then be zero.
    /// </summary>
    private static bool ChipIdMatches(ReadOnlySpan<byte> hwid, ReadOnlySpan<byte> chipId)
    {
        if (hwid.Length == 0 || hwid.Length > chipId.Length) return false;
        if (!hwid.SequenceEqual(chipId[..hwid.Length])) return false;
        return !chipId[hwid.Length..].ContainsAnyExcept((byte)0);
    }

    private sealed class Builder(SnpReport report)
    {
        public SnpProduct Product { get; set; }
        public VcekExtensions? Vcek { get; set; }
        public bool Simulated { get; set; }

        public AttestationVerdict Fail(AttestationFailure failure, string detail) =>
            new(new AttestationError(failure, detail), report, Product, Vcek, Simulated);

        public AttestationVerdict Ok() => new(null, report, Product, Vcek, Simulated);
    }
}

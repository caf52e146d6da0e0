using System.Collections.Immutable;
using CcTsa.Crypto.Common;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// The certificates that come with a report: the VCEK (always) and optionally the ASK and ARK.
/// When ASK/ARK are absent the verifier takes the shipped AMD ones matching the VCEK's issuer.
/// All are DER. <see cref="Vcek"/> holds the endorsement key of kind <see cref="Endorsement"/>: a VCEK,
/// or a VLEK whose issuer (the ASVK) then sits in <see cref="Ask"/>.
/// </summary>
public sealed record AttestationChain(ImmutableArray<byte> Vcek, ImmutableArray<byte>? Ask = null, ImmutableArray<byte>? Ark = null)
{
    public EndorsementKind Endorsement { get; init; } = EndorsementKind.Vcek;

    /// <summary>The chain carried by a SEV certificate table (auxblob); a malformed table is BadCertificateTable.</summary>
    public static Result<AttestationChain, AttestationError> FromCertificateTable(ReadOnlySpan<byte> table) =>
        SevCertificateTable.Parse(table).TryGet(out var parsed, out var error)
            ? parsed.ToChain()
            : Result<AttestationChain, AttestationError>.Fail(error);

    /// <summary>
    /// Builds a chain from encoded files (DER or PEM, possibly several certificates per file, e.g.
    /// AMD's ask_ark.pem): the self-signed certificate is the ARK, any other is the ASK (or ASVK).
    /// </summary>
    public static Result<AttestationChain, AttestationError> FromEncoded(ReadOnlySpan<byte> vcek, params byte[][] askOrArk)
    {
        var vcekCerts = CertificateReader.ReadAll(vcek);
        if (vcekCerts.Count != 1)
            return Result<AttestationChain, AttestationError>.Fail(new AttestationError(AttestationFailure.MalformedCertificate, "the VCEK file does not hold exactly one certificate"));
        ImmutableArray<byte>? ask = null, ark = null;
        foreach (var file in askOrArk)
        {
            var certs = CertificateReader.ReadAll(file);
            if (certs.Count == 0)
                return Result<AttestationChain, AttestationError>.Fail(new AttestationError(AttestationFailure.MalformedCertificate, "an ASK/ARK file holds no readable certificate"));
            foreach (var c in certs)
            {
                var der = ImmutableArray.Create(c.GetEncoded());
                if (c.IssuerDN.Equivalent(c.SubjectDN)) ark = der; else ask = der;
            }
        }
        // files and messages carry no table GUID: a key without a hardware id is a VLEK (not tied to a chip)
        var kind = vcekCerts[0].GetExtensionValue(new Org.BouncyCastle.Asn1.DerObjectIdentifier(VcekExtensions.HardwareIdOid)) is null
            ? EndorsementKind.Vlek : EndorsementKind.Vcek;
        return new AttestationChain(ImmutableArray.Create(vcekCerts[0].GetEncoded()), ask, ark) { Endorsement = kind };
    }
}

using System.Formats.Asn1;

namespace CcTsa.Signer.Participants;

/// <summary>
/// What a node agrees to sign besides time-stamps: only purpose "csr", a DER
/// CertificationRequestInfo whose subject public key is the epoch's own Ed25519 group key (the
/// proof of possession of its TSA certificate). Anything else is refused, so the threshold key can
/// never be made to sign arbitrary data. Pure; never throws on untrusted input.
/// </summary>
internal static class RawMessageCheck
{
    public const string CsrPurpose = "csr";

    // id-Ed25519 (RFC 8410)
    private const string Ed25519Oid = "1.3.101.112";

    /// <summary>Null when acceptable, otherwise the reason for refusing.</summary>
    public static string? Check(string purpose, byte[] message, ReadOnlySpan<byte> groupKey)
    {
        if (!string.Equals(purpose, CsrPurpose, StringComparison.Ordinal)) return "unknown purpose";
        if (message is not { Length: > 0 and <= 4096 }) return "message size out of range";
        try
        {
            var outer = new AsnReader(message, AsnEncodingRules.DER);
            var info = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            if (!info.TryReadInt32(out var version) || version != 0) return "not a CertificationRequestInfo (version)";
            info.ReadSequence(); // subject Name
            var spki = info.ReadSequence();
            var alg = spki.ReadSequence();
            if (alg.ReadObjectIdentifier() != Ed25519Oid || alg.HasData) return "subject key is not Ed25519";
            var key = spki.ReadBitString(out var unused);
            spki.ThrowIfNotEmpty();
            if (unused != 0 || !key.AsSpan().SequenceEqual(groupKey)) return "subject key is not this epoch's group key";
            if (info.HasData) info.ReadSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, true));
            info.ThrowIfNotEmpty();
            return null;
        }
        catch (AsnContentException)
        {
            return "malformed CertificationRequestInfo";
        }
    }
}

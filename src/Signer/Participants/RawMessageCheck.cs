using System.Formats.Asn1;

namespace CcTsa.Signer.Participants;

/// <summary>
/// What a node agrees to sign besides time-stamps: only purpose "csr", a DER
/// CertificationRequestInfo whose subject public key is the epoch's own group key of the signing
/// scheme (Ed25519 for frost-ed25519; a P-384 id-ecPublicKey for ecdsa-p384, compressed or not;
/// id-ml-dsa-65 with absent parameters and the 1952-byte key for ml-dsa-65) —
/// the proof of possession of its TSA certificate. Anything else is refused, so the threshold key can
/// never be made to sign arbitrary data. Pure; never throws on untrusted input.
/// </summary>
internal static class RawMessageCheck
{
    public const string CsrPurpose = "csr";

    // id-Ed25519 (RFC 8410)
    private const string Ed25519Oid = "1.3.101.112";

    // id-ml-dsa-65 (RFC 9881)
    private const string MlDsa65Oid = "2.16.840.1.101.3.4.3.18";

    // id-ecPublicKey with namedCurve secp384r1 (RFC 5480)
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string Secp384r1Oid = "1.3.132.0.34";

    /// <summary>Null when acceptable, otherwise the reason for refusing.</summary>
    public static string? Check(string purpose, byte[] message, ReadOnlySpan<byte> groupKey, string scheme = "frost-ed25519")
    {
        var ecdsa = scheme == "ecdsa-p384";
        var mlDsa = scheme == "ml-dsa-65";
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
            var algorithm = alg.ReadObjectIdentifier();
            if (mlDsa && (algorithm != MlDsa65Oid || alg.HasData)) return "subject key is not ML-DSA-65";
            if (!ecdsa && !mlDsa && (algorithm != Ed25519Oid || alg.HasData)) return "subject key is not Ed25519";
            if (ecdsa && (algorithm != EcPublicKeyOid || alg.ReadObjectIdentifier() != Secp384r1Oid || alg.HasData)) return "subject key is not P-384";
            var key = spki.ReadBitString(out var unused);
            spki.ThrowIfNotEmpty();
            if (unused != 0 || !SameKey(key, groupKey, ecdsa)) return "subject key is not this epoch's group key";
            if (info.HasData) info.ReadSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, true));
            info.ThrowIfNotEmpty();
            return null;
        }
        catch (AsnContentException)
        {
            return "malformed CertificationRequestInfo";
        }
    }

    /// <summary>Ed25519: the same 32 bytes; P-384: the same point, whichever SEC1 form the CSR uses.</summary>
    private static bool SameKey(byte[] key, ReadOnlySpan<byte> groupKey, bool ecdsa)
    {
        if (!ecdsa) return key.AsSpan().SequenceEqual(groupKey);
        if (!Crypto.P384.P384Point.TryDecode(key, out var point)) return false;
        using (point) return point.EncodeUncompressed().AsSpan().SequenceEqual(groupKey);
    }
}

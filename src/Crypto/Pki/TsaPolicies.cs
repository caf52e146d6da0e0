using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Crypto.Pki;

/// <summary>
/// One TSA policy the fleet offers: its OID (the TSTInfo policy and reqPolicy), the name users
/// pass (<c>--policy</c>, <c>/api/policies</c>), the threshold scheme whose key signs its tokens
/// (the <c>Scheme</c> of KeyEpochActivated and CertificateIssued) and the token signature algorithm.
/// <see cref="PostQuantumScheme"/> names the second key of a hybrid policy: it signs the same signed
/// attributes, carried as an unsigned attribute (<see cref="HybridSignatureAttribute"/>); null for a single-key policy.
/// </summary>
public sealed record TsaPolicy(string Oid, string Name, string Scheme, TokenSignatureAlgorithm Algorithm, string? PostQuantumScheme = null)
{
    /// <summary>True when tokens of this policy carry a second (post-quantum) signature.</summary>
    public bool IsHybrid => PostQuantumScheme is not null;

    /// <summary>The threshold schemes whose keys sign tokens of this policy: the SignerInfo's, then the post-quantum one.</summary>
    public IReadOnlyList<string> Schemes => PostQuantumScheme is { } pq ? [Scheme, pq] : [Scheme];

    public override string ToString() => $"{Name} ({Oid})";
}

/// <summary>
/// The policies of this TSA, one per signing scheme, under the project arc ({arc}.3). The
/// Ed25519 policy keeps the OID every token carried before there was more than one scheme.
/// </summary>
public static class TsaPolicies
{
    /// <summary>FROST(Ed25519, SHA-512) 3-of-5 (RFC 9591); verifiable by tools with Ed25519 in CMS (RFC 8419).</summary>
    public static readonly TsaPolicy Ed25519 = new(ProjectOids.Arc + ".3.1", "ed25519", "frost-ed25519", TokenSignatureAlgorithm.Ed25519);

    /// <summary>Threshold ECDSA P-384 (DKLs23), ecdsa-with-SHA384; verifiable by every RFC 3161 client.</summary>
    public static readonly TsaPolicy EcdsaP384 = new(ProjectOids.Arc + ".3.2", "ecdsa-p384", "ecdsa-p384", TokenSignatureAlgorithm.EcdsaP384Sha384);

    /// <summary>
    /// Threshold ML-DSA-65 (3-of-5, docs/SECURITY.md), one SignerInfo id-ml-dsa-65 (RFC 9882) under the
    /// epoch's ML-DSA-65 certificate: post-quantum, verifiable by FIPS 204 verifiers with ML-DSA in CMS.
    /// </summary>
    public static readonly TsaPolicy MlDsa65 = new(ProjectOids.Arc + ".3.3", "ml-dsa-65", "ml-dsa-65", TokenSignatureAlgorithm.MlDsa65);

    /// <summary>
    /// Hybrid: one classical SignerInfo under the epoch's ECDSA P-384 certificate (what every RFC 3161
    /// client verifies; OpenSSL, BouncyCastle and .NET refuse two SignerInfos) and the threshold
    /// ML-DSA-65 signature over the same signed attributes as the unsigned attribute
    /// <see cref="ProjectOids.HybridMlDsaSignature"/> (docs/TOKENS.md).
    /// </summary>
    public static readonly TsaPolicy Hybrid = new(ProjectOids.Arc + ".3.4", "hybrid", "ecdsa-p384", TokenSignatureAlgorithm.EcdsaP384Sha384, "ml-dsa-65");

    // Hybrid last: ByScheme("ecdsa-p384") must keep answering the ECDSA-only policy.
    public static IReadOnlyList<TsaPolicy> All { get; } = [EcdsaP384, Ed25519, MlDsa65, Hybrid];

    /// <summary>
    /// The policy of a request without reqPolicy unless the operator picks another
    /// (<c>--default-policy</c>): threshold ECDSA P-384, the one every RFC 3161 client verifies
    /// (OpenSSL 3.0, .NET, Java and Windows have no Ed25519 in CMS).
    /// </summary>
    public static TsaPolicy Default => EcdsaP384;

    public static TsaPolicy? ByOid(string? oid) => All.FirstOrDefault(p => p.Oid == oid);

    public static TsaPolicy? ByName(string? name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public static TsaPolicy? ByScheme(string? scheme) => All.FirstOrDefault(p => p.Scheme == scheme);

    /// <summary>Every policy whose tokens <paramref name="scheme"/>'s key signs (its own, and the hybrid ones it takes part in).</summary>
    public static IReadOnlyList<TsaPolicy> SignedBy(string? scheme) => [.. All.Where(p => p.Schemes.Contains(scheme))];

    /// <summary>A policy by OID or name (as <c>--policy</c> takes it).</summary>
    public static TsaPolicy? Find(string? oidOrName) => ByOid(oidOrName) ?? ByName(oidOrName);
}

using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Crypto.Pki;

/// <summary>
/// One TSA policy the fleet offers: its OID (the TSTInfo policy and reqPolicy), the name users
/// pass (<c>--policy</c>, <c>/api/policies</c>), the threshold scheme whose key signs its tokens
/// (the <c>Scheme</c> of KeyEpochActivated and CertificateIssued) and the token signature algorithm.
/// </summary>
public sealed record TsaPolicy(string Oid, string Name, string Scheme, TokenSignatureAlgorithm Algorithm)
{
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

    public static IReadOnlyList<TsaPolicy> All { get; } = [EcdsaP384, Ed25519];

    /// <summary>
    /// The policy of a request without reqPolicy unless the operator picks another
    /// (<c>--default-policy ecdsa-p384</c>, the one every RFC 3161 client verifies). Still FROST:
    /// with ECDSA as the default, the distributed provider-outage scenario lost signing when the
    /// two surviving-side nodes had not finished their pairwise OT setup (a pair missing for over a
    /// minute after Healthy): readiness does not yet wait for all ten pairs.
    /// </summary>
    public static TsaPolicy Default => Ed25519;

    public static TsaPolicy? ByOid(string? oid) => All.FirstOrDefault(p => p.Oid == oid);

    public static TsaPolicy? ByName(string? name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public static TsaPolicy? ByScheme(string? scheme) => All.FirstOrDefault(p => p.Scheme == scheme);

    /// <summary>A policy by OID or name (as <c>--policy</c> takes it).</summary>
    public static TsaPolicy? Find(string? oidOrName) => ByOid(oidOrName) ?? ByName(oidOrName);
}

using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>
/// GET /api/policies: every TSA policy (issue 15) with its OID, name, algorithms (signature, signer
/// digest), whether it is the configured default (requests without reqPolicy) and whether the fleet
/// can issue under it now. Public, as /api/cluster (<see cref="Access.ApiAccessRules"/>). A hybrid
/// policy lists its SignerInfo's algorithms, then its post-quantum signature's ("ML-DSA-65").
/// </summary>
public static class PoliciesApi
{
    public static RouteGroupBuilder MapPoliciesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/policies");
        group.MapGet("/", Get);
        return group;
    }

    public static Ok<IReadOnlyList<PolicyView>> Get(TsaPolicySet offered, IPolicyAvailability availability) => TypedResults.Ok(Build(offered, availability));

    public static IReadOnlyList<PolicyView> Build(TsaPolicySet offered, IPolicyAvailability availability)
    {
        ArgumentNullException.ThrowIfNull(offered);
        ArgumentNullException.ThrowIfNull(availability);
        return [.. TsaPolicies.All
            .OrderByDescending(p => p.Oid == offered.Default)
            .Select(p => new PolicyView(p.Oid, p.Name, Algorithms(p), p.Oid == offered.Default, availability.Unavailable(p) is null))];
    }

    /// <summary>The algorithms of a policy's tokens: the SignerInfo's, then a hybrid policy's post-quantum signature algorithm.</summary>
    public static IReadOnlyList<string> Algorithms(TsaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.IsHybrid ? [.. Algorithms(policy.Algorithm), "ML-DSA-65"] : Algorithms(policy.Algorithm);
    }

    /// <summary>Names as OpenSSL and RFC 5758/8419 print them: the signature algorithm, then the CMS signer digest.</summary>
    public static IReadOnlyList<string> Algorithms(TokenSignatureAlgorithm algorithm) => algorithm switch
    {
        TokenSignatureAlgorithm.EcdsaP384Sha384 => ["ecdsa-with-SHA384", "SHA-384"],
        TokenSignatureAlgorithm.Ed25519 => ["Ed25519", "SHA-512"],
        TokenSignatureAlgorithm.MlDsa65 => ["ML-DSA-65", "SHA-512"],
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "A policy with an algorithm /api/policies cannot name."),
    };
}

/// <summary>One entry of GET /api/policies.</summary>
public sealed record PolicyView(string Oid, string Name, IReadOnlyList<string> Algorithms, bool Default, bool Available);

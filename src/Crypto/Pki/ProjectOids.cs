namespace CcTsa.Crypto.Pki;

/// <summary>
/// The project's own object identifiers. They live under a UUID arc (ITU-T X.667, 2.25.&lt;uuid&gt;),
/// which needs no registration and cannot collide with anyone else's:
/// uuid 7ff453aa-8249-401e-b74b-efd6e37657ce.
/// <list type="bullet">
/// <item>{arc}.1 — X.509 extensions; {arc}.1.1 = <see cref="SignerBinding"/>, {arc}.1.2 = <see cref="TokenAccuracy"/>.</item>
/// <item>{arc}.2 — CMS attributes; {arc}.2.1 = <see cref="HybridMlDsaSignature"/>.</item>
/// <item>{arc}.3 — TSA policies (<see cref="TsaPolicies"/>).</item>
/// </list>
/// </summary>
public static class ProjectOids
{
    public const string Arc = "2.25.170080572847273149973399383055229409230";

    /// <summary>
    /// Non-critical TSA-certificate extension binding the key to the software that holds it:
    /// <c>SignerBinding ::= SEQUENCE { launchMeasurement OCTET STRING (SIZE(48)), keyEpoch INTEGER }</c>
    /// where launchMeasurement is the SEV-SNP launch measurement (SHA-384) of the signer image.
    /// </summary>
    public const string SignerBinding = Arc + ".1.1";

    /// <summary>
    /// Non-critical TSA-certificate extension stating the accuracy (microseconds) that every token
    /// of the epoch carries and that the signers enforce (<see cref="TokenAccuracyExtension"/>).
    /// </summary>
    public const string TokenAccuracy = Arc + ".1.2";

    /// <summary>
    /// Unsigned attribute of a hybrid token's SignerInfo carrying the post-quantum signature over the
    /// same DER signed attributes the classical signature covers (docs/TOKENS.md):
    /// <c>HybridSignature ::= SEQUENCE { signatureAlgorithm AlgorithmIdentifier (id-ml-dsa-65, no parameters), signature OCTET STRING }</c>.
    /// </summary>
    public const string HybridMlDsaSignature = Arc + ".2.1";
}

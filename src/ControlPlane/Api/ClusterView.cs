namespace CcTsa.ControlPlane.Api;

/// <summary>
/// The body of GET /api/cluster, exactly as the issues specify: <c>publicKey</c> is the default
/// policy's group key, <c>publicKeys</c> every key of the current epoch by policy name
/// ("ed25519": 32 bytes, "ecdsa-p384": SEC1 compressed P-384), hex.
/// </summary>
public sealed record ClusterView(string State, int Epoch, string? PublicKey, IReadOnlyList<ClusterNodeView> Nodes)
{
    public IReadOnlyDictionary<string, string> PublicKeys { get; init; } = new Dictionary<string, string>();
}

/// <summary>One node in <see cref="ClusterView"/>.</summary>
public sealed record ClusterNodeView(string Id, string Provider, bool Online, bool Attested, bool HoldsShare, bool ClockHealthy, bool Excluded)
{
    /// <summary>"true", "false" or "unknown": whether the node reported keeping time on SEV-SNP Secure TSC in its last accepted attestation.</summary>
    public string SecureTsc { get; init; } = "unknown";
}

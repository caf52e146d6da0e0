namespace CcTsa.Scenarios.Harness;

/// <summary>GET /api/cluster: {"state","epoch","publicKey","publicKeys","nodes":[…]}; publicKey is the default policy's (ecdsa-p384).</summary>
public sealed record ClusterSnapshot(string State, int Epoch, string? PublicKey, IReadOnlyList<NodeSnapshot> Nodes)
{
    /// <summary>Each policy's key of the epoch, by policy name ("ecdsa-p384", "ed25519").</summary>
    public IReadOnlyDictionary<string, string> PublicKeys { get; init; } = new Dictionary<string, string>();

    /// <summary>The FROST-Ed25519 key: the one CeremonyCompleted and /certs/epochs/{n}.pem carry.</summary>
    public string? Ed25519Key => PublicKeys.TryGetValue("ed25519", out var key) ? key : null;

    /// <summary>The threshold ML-DSA-65 key (post-quantum; the `ml-dsa-65` and `hybrid` policies' second key).</summary>
    public string? MlDsaKey => PublicKeys.TryGetValue("ml-dsa-65", out var key) ? key : null;

    public bool Is(string state) => string.Equals(State, state, StringComparison.OrdinalIgnoreCase);

    public NodeSnapshot? Node(string id) => Nodes.FirstOrDefault(n => n.Id == id);

    public int SharesHeld => Nodes.Count(n => n.HoldsShare);

    public override string ToString() =>
        $"state={State} epoch={Epoch} key={PublicKey?[..Math.Min(16, PublicKey.Length)]}… nodes=[" +
        string.Join(", ", Nodes.Select(n => $"{n.Id}/{n.Provider}:{(n.Online ? "on" : "off")}{(n.Attested ? ",att" : "")}{(n.HoldsShare ? ",share" : "")}{(n.ClockHealthy ? "" : ",clock!")}{(n.Excluded ? ",excl" : "")}")) + "]";
}

namespace CcTsa.Scenarios.Harness;

/// <summary>GET /api/cluster: {"state","epoch","publicKey","nodes":[…]}.</summary>
public sealed record ClusterSnapshot(string State, int Epoch, string? PublicKey, IReadOnlyList<NodeSnapshot> Nodes)
{
    public bool Is(string state) => string.Equals(State, state, StringComparison.OrdinalIgnoreCase);

    public NodeSnapshot? Node(string id) => Nodes.FirstOrDefault(n => n.Id == id);

    public int SharesHeld => Nodes.Count(n => n.HoldsShare);

    public override string ToString() =>
        $"state={State} epoch={Epoch} key={PublicKey?[..Math.Min(16, PublicKey.Length)]}… nodes=[" +
        string.Join(", ", Nodes.Select(n => $"{n.Id}/{n.Provider}:{(n.Online ? "on" : "off")}{(n.Attested ? ",att" : "")}{(n.HoldsShare ? ",share" : "")}{(n.ClockHealthy ? "" : ",clock!")}{(n.Excluded ? ",excl" : "")}")) + "]";
}

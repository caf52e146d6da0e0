using CcTsa.ControlPlane.Fleet;

namespace CcTsa.ControlPlane.Health;

/// <summary>
/// Whether some <c>t</c> of the given signers can sign threshold ECDSA together: DKLs23 multiplies
/// pairwise, so every two of them must report a finished pairwise setup with each other (a node that
/// reports no pairs at all predates the field and is taken as paired). A fleet is small (n ≤ 16),
/// so the subsets are simply enumerated.
/// </summary>
public static class EcdsaQuorum
{
    public static bool Exists(IReadOnlyList<NodeView> signers, int threshold)
    {
        ArgumentNullException.ThrowIfNull(signers);
        if (threshold <= 0) return true;
        return signers.Count >= threshold && Extend(signers, threshold, 0, []);
    }

    private static bool Extend(IReadOnlyList<NodeView> signers, int threshold, int from, List<NodeView> chosen)
    {
        if (chosen.Count == threshold) return true;
        for (var i = from; i <= signers.Count - (threshold - chosen.Count); i++)
        {
            var candidate = signers[i];
            if (!chosen.TrueForAll(c => Paired(c, candidate))) continue;
            chosen.Add(candidate);
            if (Extend(signers, threshold, i + 1, chosen)) return true;
            chosen.RemoveAt(chosen.Count - 1);
        }
        return false;
    }

    private static bool Paired(NodeView a, NodeView b) => a.EcdsaPairedWith(b.Id) && b.EcdsaPairedWith(a.Id);
}

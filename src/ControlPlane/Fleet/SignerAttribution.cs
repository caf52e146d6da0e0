using System.Collections.Concurrent;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Which nodes co-signed each granted token, handed from the signing gateway (which sees the
/// coordinator's answer) to the issuance journal (which records TokenIssued.Signers). Entries
/// live only between the two calls of one batch.
/// </summary>
public sealed class SignerAttribution
{
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<NodeId>> _byRequest = new();

    public void Remember(IEnumerable<Guid> requests, IReadOnlyList<NodeId> signers)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var r in requests) _byRequest[r] = signers;
    }

    public IReadOnlyList<NodeId> Take(Guid request) => _byRequest.TryRemove(request, out var s) ? s : [];
}

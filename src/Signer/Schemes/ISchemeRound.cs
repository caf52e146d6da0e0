using CcTsa.Crypto.Common;
using CcTsa.Signer.Coordinator;

namespace CcTsa.Signer.Schemes;

/// <summary>
/// One coordinator round of a scheme, opened by <see cref="IThresholdScheme.OpenRoundAsync"/>:
/// the material every participant needs, this node's own shares, the peers' shares as they
/// arrive, and the aggregate, which names culprits when a share does not verify.
/// </summary>
internal interface ISchemeRound
{
    /// <summary>Per item, the public material of every signer, to send to the participants.</summary>
    IReadOnlyList<IReadOnlyList<byte[]>> PublicMaterial { get; }

    /// <summary>Computes this node's shares; null when done, otherwise why it could not.</summary>
    string? SignOwn();

    /// <summary>Takes a peer's serialized shares; false when they are malformed or not the peer's.</summary>
    bool AcceptShares(NodeId peer, IReadOnlyList<byte[]> shares);

    /// <summary>
    /// The verified signatures, one per item; or the outcome naming culprits (or fatal). A null item
    /// is a run the scheme itself rejected, no one's fault (threshold ML-DSA's rejection sampling):
    /// the round signs it again with fresh material.
    /// </summary>
    Result<IReadOnlyList<byte[]?>, RoundOutcome> Aggregate();
}

using CcTsa.Crypto.Common;
using CcTsa.Signer.Schemes;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// A request for the one signing pipeline: which request it answers, the epoch, the purpose the
/// participants check, nodes to leave out, and how to prepare the messages. Prepare runs again
/// before every retry, so a purpose that stamps time (RFC 3161 genTime) stamps the time it really
/// signs at. Restamp (optional) prepares the given items again (fresh genTime and serial) while the
/// others stay as signed: the pipeline uses it for items a scheme rejected on its own (threshold
/// ML-DSA), so a re-run never carries a genTime aged by the runs before it. KeepRejected: those
/// items come back unsigned (null) instead, after one run — for a caller that must re-stamp them
/// together with another scheme's signature over the same bytes (<see cref="HybridSigning"/>).
/// </summary>
internal sealed record SigningJob<TPrepared>(
    RoundId Request,
    int Epoch,
    string Purpose,
    IReadOnlyList<NodeId> Avoid,
    Func<SchemeEpoch, Result<TPrepared, SigningRefusal>> Prepare,
    Func<TPrepared, IReadOnlyList<int>, Result<TPrepared, SigningRefusal>>? Restamp = null,
    bool KeepRejected = false)
    where TPrepared : IPreparedMessages;

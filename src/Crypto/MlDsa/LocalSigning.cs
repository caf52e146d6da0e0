using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Common;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// Drives the three rounds and the combiner for signers held in one process (tests, benchmarks,
/// the embedded cluster), starting a new run with fresh nonces whenever a run is rejected — about
/// half of them are. A distributed coordinator does the same over the bus.
/// </summary>
public static class LocalSigning
{
    /// <summary>Runs before giving up; each fails with probability ≈ ½, so 64 failures mean a bug, not bad luck.</summary>
    public const int MaxRuns = 64;

    public static Result<ThresholdSignature, MlDsaError> Sign(IReadOnlyList<PartyKeyShare> signers, RoundId round,
        ReadOnlySpan<byte> message, ReadOnlySpan<byte> context)
    {
        var set = SignerSet.Of(signers.Select(s => s.Party));
        var pk = signers[0].PublicKey;
        for (var run = 1; run <= MaxRuns; run++)
        {
            var session = new MlDsaSession(round, run, set);
            var states = new List<Round1State>();
            try
            {
                var commitments = new List<Commitment>();
                foreach (var s in signers)
                {
                    var (state, cmt) = Round1.Commit(s, session);
                    states.Add(state);
                    commitments.Add(cmt);
                }
                var reveals = new List<Reveal>();
                foreach (var st in states)
                {
                    if (!Round2.Reveal(st, commitments, message, context).TryGet(out var reveal, out var e)) return e.As<ThresholdSignature>();
                    reveals.Add(reveal);
                }
                var responses = new List<Response>();
                foreach (var st in states)
                {
                    if (!Round3.Respond(st, reveals).TryGet(out var response, out var e)) return e.As<ThresholdSignature>();
                    responses.Add(response);
                }
                var sig = Combine.Sign(pk, session, message, context, reveals, responses);
                if (sig.TryGet(out var sigma, out var error)) return new ThresholdSignature(sigma, run);
                if (error.Failure != MlDsaFailure.RunRejected) return error.As<ThresholdSignature>();
            }
            finally
            {
                foreach (var st in states) st.Dispose();
            }
        }
        return MlDsaError.Of(MlDsaFailure.RunRejected, $"{MaxRuns} runs in a row were rejected").As<ThresholdSignature>();
    }
}

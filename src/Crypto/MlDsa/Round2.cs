using CcTsa.Crypto.Common;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// Round 2: once every signer's commitment is in, fix them and the message representative
/// μ = H(tr ‖ 0 ‖ |ctx| ‖ ctx ‖ M) in the state, and reveal W.
/// </summary>
public static class Round2
{
    public static Result<Reveal, MlDsaError> Reveal(Round1State state, IReadOnlyList<Commitment> commitments,
        ReadOnlySpan<byte> message, ReadOnlySpan<byte> context)
    {
        ObjectDisposedException.ThrowIf(state.IsConsumed, state);
        if (state.Mu is not null) throw new InvalidOperationException("Round 2 already ran on this Round-1 state.");
        var check = Participants.CheckExactlySigners(state.Session.Signers, commitments, c => c.From, "commitment");
        if (check is not null) return check.As<Reveal>();
        foreach (var c in commitments)
            if (c.Hash.Length != ThresholdParams.CommitmentBytes)
                return MlDsaError.Blame(MlDsaFailure.MalformedMessage, c.From, $"commitment is {c.Hash.Length} bytes, not {ThresholdParams.CommitmentBytes}").As<Reveal>();
        state.Commitments = commitments;
        state.Mu = state.Share.PublicKey.MessageRepresentative(message, context);
        return new Reveal(state.Share.Party, state.Revealed);
    }
}

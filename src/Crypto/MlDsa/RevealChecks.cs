using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Common;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// Validates the signers' reveals and sums them per slot: w_κ = Σ_j w_{j,κ}. Signers also check
/// each W against its Round-1 commitment; the combiner, which saw no commitments, checks shape only.
/// </summary>
internal static class RevealChecks
{
    /// <param name="self">
    /// The checking signer and the W it revealed, if any: its own reveal, byte for byte what it
    /// committed to, opens its commitment by construction, so it skips one 273 KB hash per run.
    /// </param>
    public static Result<int[][], MlDsaError> SumChecked(MlDsaPublicKey pk, MlDsaSession session,
        IReadOnlyList<Reveal> reveals, IReadOnlyList<Commitment>? commitments, (ParticipantId Party, byte[] Revealed)? self = null)
    {
        var check = Participants.CheckExactlySigners(session.Signers, reveals, r => r.From, "reveal");
        if (check is not null) return check.As<int[][]>();
        var sum = new int[ThresholdParams.Slots][];
        for (var s = 0; s < sum.Length; s++) sum[s] = new int[MlDsa65.K * MlDsa65.N];
        var one = new int[MlDsa65.K * MlDsa65.N];
        var ordered = reveals.OrderBy(r => r.From.Value).ToList();
        bool IsOwn(Reveal r) => self is { } me && me.Party == r.From && r.Packed.Span.SequenceEqual(me.Revealed);
        // The commitment hashes first, several per Keccak permutation; checked below in sender order.
        var toHash = commitments is null ? [] : ordered.Where(r => r.Packed.Length == ThresholdParams.RevealBytes && !IsOwn(r)).ToList();
        var hashes = CommitmentBatch.Hash(pk, session, toHash.Select(r => (PartyIndex.Of(r.From), r.Packed)).ToList());
        var hashOf = toHash.Select((r, i) => (r.From, Hash: hashes[i])).ToDictionary(x => x.From, x => x.Hash);
        foreach (var r in ordered)
        {
            if (r.Packed.Length != ThresholdParams.RevealBytes)
                return MlDsaError.Blame(MlDsaFailure.MalformedMessage, r.From, $"reveal is {r.Packed.Length} bytes, not {ThresholdParams.RevealBytes}").As<int[][]>();
            if (hashOf.TryGetValue(r.From, out var actual))
            {
                var expected = commitments!.Single(c => c.From == r.From).Hash.Span;
                if (!actual.AsSpan().SequenceEqual(expected))
                    return MlDsaError.Blame(MlDsaFailure.WrongCommitmentOpening, r.From, "revealed W does not open the party's Round-1 commitment").As<int[][]>();
            }
            for (var s = 0; s < ThresholdParams.Slots; s++)
            {
                if (!SlotCodec.TryUnpackW(r.Packed.Span, s, one))
                    return MlDsaError.Blame(MlDsaFailure.MalformedReveal, r.From, $"revealed W of slot {s} holds a value ≥ q").As<int[][]>();
                AddModQ(sum[s], one);
            }
        }
        return sum;
    }

    /// <summary>acc = acc + v mod q, eight lanes at a time (both in [0, q)).</summary>
    private static void AddModQ(Span<int> acc, ReadOnlySpan<int> v)
    {
        var q = Vector256.Create(MlDsa65.Q);
        var c = 0;
        ref var a = ref MemoryMarshal.GetReference(acc);
        ref var b = ref MemoryMarshal.GetReference(v);
        for (; c + Vector256<int>.Count <= acc.Length; c += Vector256<int>.Count)
        {
            var sum = Vector256.LoadUnsafe(ref a, (nuint)c) + Vector256.LoadUnsafe(ref b, (nuint)c) - q;
            (sum + (Vector256.ShiftRightArithmetic(sum, 31) & q)).StoreUnsafe(ref a, (nuint)c);
        }
        for (; c < acc.Length; c++) acc[c] = Mod.Add(acc[c], v[c]);
    }
}

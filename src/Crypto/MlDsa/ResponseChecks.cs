using CcTsa.Crypto.Common;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// Validates the signers' responses and sums z over the slots every signer accepted. An honest
/// accepted z satisfies ‖z‖₂ ≤ ν·r + ½·√(256·L) (the ellipsoid test bounds ‖v_y‖ by ν·r, rounding
/// moves each coordinate by ≤ ½), and a rejected slot is all zero; anything else names its sender.
/// A z inside the bound but wrong is not attributable here: the run then fails and the coordinator
/// retries with another signer set.
/// </summary>
internal static class ResponseChecks
{
    private static readonly double NormBound = ThresholdParams.Nu * ThresholdParams.Radius + 0.5 * Math.Sqrt(MlDsa65.L * MlDsa65.N);

    public static Result<(ulong Common, int[][] Sum), MlDsaError> SumChecked(SignerSet signers, IReadOnlyList<Response> responses)
    {
        var check = Participants.CheckExactlySigners(signers, responses, r => r.From, "response");
        if (check is not null) return check.As<(ulong, int[][])>();
        var common = (1UL << ThresholdParams.Slots) - 1;
        foreach (var r in responses) common &= r.Accepted;
        var sum = new int[ThresholdParams.Slots][];
        var z = new int[MlDsa65.L * MlDsa65.N];
        foreach (var r in responses.OrderBy(r => r.From.Value))
        {
            if (r.Packed.Length != ThresholdParams.ResponseBytes)
                return MlDsaError.Blame(MlDsaFailure.MalformedMessage, r.From, $"response is {r.Packed.Length} bytes, not {ThresholdParams.ResponseBytes}").As<(ulong, int[][])>();
            if ((r.Accepted >> ThresholdParams.Slots) != 0)
                return MlDsaError.Blame(MlDsaFailure.MalformedResponse, r.From, "response accepts a slot beyond the 62").As<(ulong, int[][])>();
            for (var s = 0; s < ThresholdParams.Slots; s++)
            {
                SlotCodec.UnpackZ(r.Packed.Span.Slice(s * ThresholdParams.SlotResponseBytes, ThresholdParams.SlotResponseBytes), z);
                var accepted = (r.Accepted >> s & 1) == 1;
                double sq = 0;
                foreach (var c in z) sq += (double)c * c;
                if (!accepted && sq != 0)
                    return MlDsaError.Blame(MlDsaFailure.MalformedResponse, r.From, $"slot {s} is marked rejected but carries a non-zero z").As<(ulong, int[][])>();
                if (sq > NormBound * NormBound)
                    return MlDsaError.Blame(MlDsaFailure.MalformedResponse, r.From, $"z of slot {s} lies outside the hyperball bound").As<(ulong, int[][])>();
                if ((common >> s & 1) == 0) continue;
                var acc = sum[s] ??= new int[z.Length];
                for (var c = 0; c < z.Length; c++) acc[c] = Mod.Add(acc[c], Mod.FromCentred(z[c]));
            }
        }
        return (common, sum);
    }
}

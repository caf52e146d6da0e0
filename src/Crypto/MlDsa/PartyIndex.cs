using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa;

/// <summary>The one mapping between a participant (1..5) and the reference's bit index (0..4).</summary>
internal static class PartyIndex
{
    public static int Of(ParticipantId p) =>
        p.Value is >= 1 and <= ThresholdParams.N ? p.Value - 1
            : throw new ArgumentOutOfRangeException(nameof(p), p.Value, $"Threshold ML-DSA-65 parties are 1..{ThresholdParams.N}.");

    public static ParticipantId ToParticipant(int index) => ParticipantId.FromIndex(index + 1);
}

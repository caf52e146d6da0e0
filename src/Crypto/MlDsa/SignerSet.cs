using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// Exactly T = 3 distinct signers out of the 5 (the reference's "act" bitmask; its assignment breaks
/// for any other size). Party index i is participant i + 1 (node n(i+1)).
/// </summary>
public readonly record struct SignerSet
{
    private SignerSet(byte mask) => Mask = mask;

    public byte Mask { get; }

    public static SignerSet Of(IEnumerable<ParticipantId> signers)
    {
        var mask = 0;
        var count = 0;
        foreach (var p in signers)
        {
            var i = PartyIndex.Of(p);
            if ((mask & (1 << i)) != 0) throw new ArgumentException($"Signer {p} appears twice in the signer set.", nameof(signers));
            mask |= 1 << i;
            count++;
        }
        if (count != ThresholdParams.T)
            throw new ArgumentException($"A threshold ML-DSA-65 signer set has exactly {ThresholdParams.T} signers, not {count}.", nameof(signers));
        return new SignerSet((byte)mask);
    }

    public bool Contains(int partyIndex) => (Mask & (1 << partyIndex)) != 0;

    public bool Contains(ParticipantId p) => Contains(PartyIndex.Of(p));

    /// <summary>The signers, ascending: the order commitments, reveals and responses are taken in.</summary>
    public IReadOnlyList<ParticipantId> Members =>
        Enumerable.Range(0, ThresholdParams.N).Where(Contains).Select(PartyIndex.ToParticipant).ToArray();

    public override string ToString() => "{" + string.Join(",", Members) + "}";
}

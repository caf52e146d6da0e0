namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// One of the 10 three-member subsets of the 5 parties, as the reference's bitmask (bit i = party
/// index i, i.e. node n(i+1)). <see cref="All"/> lists them in increasing mask order (Gosper's hack
/// from 0b00111), the order the dealer and the DKG derive them in.
/// </summary>
public readonly record struct SubsetMask(byte Value)
{
    public static IReadOnlyList<SubsetMask> All { get; } = Enumerate();

    public bool Contains(int partyIndex) => (Value & (1 << partyIndex)) != 0;

    /// <summary>Member party indices, ascending.</summary>
    public IEnumerable<int> Members()
    {
        for (var i = 0; i < ThresholdParams.N; i++)
            if (Contains(i)) yield return i;
    }

    public static IReadOnlyList<SubsetMask> HeldBy(int partyIndex) => All.Where(m => m.Contains(partyIndex)).ToArray();

    public override string ToString() => "{" + string.Join(",", Members().Select(i => "n" + (i + 1))) + "}";

    private static SubsetMask[] Enumerate()
    {
        var list = new List<SubsetMask>();
        var m = (1 << ThresholdParams.SubsetSize) - 1;
        while (m < 1 << ThresholdParams.N)
        {
            list.Add(new SubsetMask((byte)m));
            int c = m & -m, r = m + c;
            m = (((r ^ m) >> 2) / c) | r;
        }
        return [.. list];
    }
}

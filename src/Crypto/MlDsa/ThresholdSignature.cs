namespace CcTsa.Crypto.MlDsa;

/// <summary>A threshold ML-DSA-65 signature and how many runs of the three rounds it took.</summary>
public sealed class ThresholdSignature(ReadOnlyMemory<byte> bytes, int runs)
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public int Runs { get; } = runs;

    public override string ToString() => $"ThresholdSignature({Bytes.Length} B, {Runs} runs)";
}

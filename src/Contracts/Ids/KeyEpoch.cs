namespace CcTsa.Contracts.Ids;

/// <summary>A key epoch: one DKG, one group key, one TSA certificate per scheme. Starts at 1.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(KeyEpochJsonConverter))]
public readonly record struct KeyEpoch(int Number)
{
    public KeyEpoch Next() => new(Number + 1);
    public override string ToString() => "epoch-" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

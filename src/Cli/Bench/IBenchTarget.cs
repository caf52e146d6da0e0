namespace CcTsa.Cli.Bench;

/// <summary>A TSA the bench loads: its /tsa endpoint and the CA its tokens chain to (for the sample check).</summary>
public interface IBenchTarget : IAsyncDisposable
{
    /// <summary>What the report calls it ("embedded 3-of-5 fleet", the URL, "single-key baseline").</summary>
    string Name { get; }

    Uri Tsa { get; }

    ReadOnlyMemory<byte> CaCertificateDer { get; }
}

using System.Collections.Concurrent;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Tests.Tsa;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Common;

namespace CcTsa.ControlPlane.Tests.Pki;

/// <summary>One test group key per epoch, as a new DKG per epoch would give; signs CSRs with the epoch's key.</summary>
public sealed class EpochKeys : IThresholdSigner, IDisposable
{
    private readonly ConcurrentDictionary<int, TestGroupKey> _keys = new();

    public TestGroupKey For(int epoch) => _keys.GetOrAdd(epoch, _ => new TestGroupKey());

    /// <summary>When set, the fleet answers every signing request with this (e.g. below quorum).</summary>
    public SigningUnavailable? Unavailable { get; set; }

    public Task<Result<byte[], SigningUnavailable>> SignAsync(KeyEpoch epoch, ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        Unavailable is { } why
            ? Task.FromResult(Result<byte[], SigningUnavailable>.Fail(why))
            : For(epoch.Number).SignAsync(epoch, message, cancellationToken);

    public void Dispose()
    {
        foreach (var key in _keys.Values)
            key.Dispose();
    }
}

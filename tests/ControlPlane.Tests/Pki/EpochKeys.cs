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
    private readonly ConcurrentDictionary<int, TestEcdsaGroupKey> _ecdsa = new();
    private readonly ConcurrentDictionary<int, TestMlDsaGroupKey> _mlDsa = new();

    public TestGroupKey For(int epoch) => _keys.GetOrAdd(epoch, _ => new TestGroupKey());

    /// <summary>The epoch's threshold-ECDSA stand-in (the DKLs23 key the same ceremony would make).</summary>
    public TestEcdsaGroupKey EcdsaFor(int epoch) => _ecdsa.GetOrAdd(epoch, _ => new TestEcdsaGroupKey());

    /// <summary>The epoch's threshold ML-DSA-65 stand-in (the key the same ceremony would make).</summary>
    public TestMlDsaGroupKey MlDsaFor(int epoch) => _mlDsa.GetOrAdd(epoch, _ => new TestMlDsaGroupKey());

    /// <summary>A refresh re-keyed the epoch's ML-DSA-65 key: a new one signs from now on.</summary>
    public TestMlDsaGroupKey RekeyMlDsa(int epoch) => _mlDsa[epoch] = new TestMlDsaGroupKey();

    /// <summary>Schemes whose CSR signing is answered with a signature of the wrong key (a faulty fleet).</summary>
    public HashSet<string> WrongKey { get; } = [];

    /// <summary>When set, the fleet answers every signing request with this (e.g. below quorum).</summary>
    public SigningUnavailable? Unavailable { get; set; }

    public Task<Result<byte[], SigningUnavailable>> SignAsync(KeyEpoch epoch, ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        Unavailable is { } why
            ? Task.FromResult(Result<byte[], SigningUnavailable>.Fail(why))
            : For(epoch.Number).SignAsync(epoch, message, cancellationToken);

    public Task<Result<byte[], SigningUnavailable>> SignAsync(KeyEpoch epoch, string scheme, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (Unavailable is { } why)
            return Task.FromResult(Result<byte[], SigningUnavailable>.Fail(why));
        var signingEpoch = WrongKey.Contains(scheme) ? epoch.Number + 1000 : epoch.Number;
        return scheme switch
        {
            "ecdsa-p384" => Task.FromResult<Result<byte[], SigningUnavailable>>(EcdsaFor(signingEpoch).Sign(message.Span)),
            "ml-dsa-65" => Task.FromResult<Result<byte[], SigningUnavailable>>(MlDsaFor(signingEpoch).Sign(message.Span)),
            _ => For(signingEpoch).SignAsync(epoch, message, cancellationToken),
        };
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
            key.Dispose();
        foreach (var key in _ecdsa.Values)
            key.Dispose();
    }
}

using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// Batched nonce pre-processing: a participant publishes many commitments ahead of time, so a
/// signing round needs one round trip. Each published commitment can be used once: a reused one
/// is refused with <see cref="FrostFailure.NonceReused"/>, one never published with
/// <see cref="FrostFailure.UnknownCommitment"/>. Thread-safe; Dispose wipes every unused nonce.
/// </summary>
public sealed class NoncePool : IDisposable
{
    private readonly KeyPackage _key;
    private readonly int _capacity;
    private readonly Dictionary<(Point, Point), SigningNonces> _ready = [];
    private readonly HashSet<(Point, Point)> _spent = [];      // recently used, for a precise error
    private readonly Queue<(Point, Point)> _spentOrder = new(); // bounds _spent; older ones read as unknown, still refused
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <param name="key">The participant's key package (not owned: the caller keeps and disposes it).</param>
    /// <param name="capacity">Most unused nonces held at once.</param>
    public NoncePool(KeyPackage key, int capacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _key = key;
        _capacity = capacity;
    }

    /// <summary>Unused published commitments.</summary>
    public int Available { get { lock (_gate) return _ready.Count; } }

    /// <summary>Generates up to <paramref name="count"/> fresh nonces (bounded by capacity) and returns their commitments to publish.</summary>
    public IReadOnlyList<SigningCommitments> Publish(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 0);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var n = Math.Min(count, _capacity - _ready.Count);
            var published = new List<SigningCommitments>(n);
            for (int i = 0; i < n; i++)
            {
                var nonces = Round1.Commit(_key);
                _ready.Add(Key(nonces.Commitments), nonces);
                published.Add(nonces.Commitments);
            }
            return published;
        }
    }

    /// <summary>Removes and returns the nonces behind <paramref name="commitments"/>; refuses reuse and unknown commitments.</summary>
    public Result<SigningNonces, FrostError> Take(SigningCommitments commitments)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var k = Key(commitments);
            if (commitments.Identifier != _key.Identifier || !_ready.Remove(k, out var nonces))
                return (_spent.Contains(k)
                    ? FrostError.Of(FrostFailure.NonceReused, "this commitment was already used; nonces sign once")
                    : FrostError.Of(FrostFailure.UnknownCommitment, "this participant never published that commitment")).As<SigningNonces>();
            _spent.Add(k);
            _spentOrder.Enqueue(k);
            if (_spentOrder.Count > 4 * _capacity) _spent.Remove(_spentOrder.Dequeue());
            return nonces;
        }
    }

    /// <summary>
    /// This pool's own unspent commitment whose encoding (<see cref="SigningCommitments.ToBytes"/>) is
    /// exactly <paramref name="encoded"/>, found without validating its points; null for anything else
    /// (another signer's, spent, unknown, malformed), which the caller then decodes and checks as usual.
    /// A coordinator echoes each signer's own commitments back in every share request: their points
    /// came out of this pool's base-point multiplications, so libsodium's canonical-encoding and
    /// subgroup checks (≈ 40 µs each, the costliest step of a participant's share) would only re-check
    /// our own output. The points built here serve as a lookup key and never leave this method.
    /// </summary>
    public SigningCommitments? FindUnspent(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != SigningCommitments.EncodedSize) return null;
        var points = encoded[(FrostWire.HeaderSize + 32)..];
        var key = (Point.FromTrusted(points[..32]), Point.FromTrusted(points[32..]));
        lock (_gate)
        {
            if (_disposed || !_ready.TryGetValue(key, out var nonces)) return null;
            var mine = nonces.Commitments;
            // header and identifier too: only the exact bytes this pool published stand for its commitment
            return encoded.SequenceEqual(mine.ToBytes()) ? mine : null;
        }
    }

    /// <summary>Signs <paramref name="package"/> with the pooled nonces of this participant's commitment in it.</summary>
    public Result<SignatureShare, FrostError> Sign(SigningPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var mine = package.CommitmentsOf(_key.Identifier);
        if (mine is null)
            return FrostError.Of(FrostFailure.MissingOrMismatchedCommitment, "the package carries no commitment of this signer").As<SignatureShare>();
        var taken = Take(mine);
        return taken.TryGet(out var nonces, out var error) ? Round2.Sign(package, nonces, _key) : error.As<SignatureShare>();
    }

    private static (Point, Point) Key(SigningCommitments c) => (c.Hiding, c.Binding);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var n in _ready.Values) n.Dispose();
            _ready.Clear();
        }
    }

    public override string ToString() => $"NoncePool({_key.Identifier}, {Available} ready)";
}

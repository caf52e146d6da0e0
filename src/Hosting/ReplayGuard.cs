namespace CcTsa.Hosting;

/// <summary>
/// The replay check of every receiver of node-signed messages — a signer for its peers' messages,
/// the control plane for the nodes' — over sequence numbers whose signature has already verified:
/// one <see cref="ReplayWindow"/> per sender and channel (messages addressed to this receiver, or
/// broadcasts), started afresh when the sender's key changes (a re-attested node counts from 1
/// again). Windows are created only after a signature verified, so forgeries can't grow the table
/// beyond two per sender.
/// </summary>
public sealed class ReplayGuard
{
    private readonly Dictionary<(string Sender, bool Broadcast), ReplayWindow> _windows = [];
    private readonly Lock _gate = new();

    /// <summary>True the first time <paramref name="sequence"/> arrives from <paramref name="sender"/> (under <paramref name="key"/>) on this channel.</summary>
    public bool FirstUse(string sender, bool broadcast, ReadOnlySpan<byte> key, long sequence)
    {
        ArgumentNullException.ThrowIfNull(sender);
        lock (_gate)
        {
            if (!_windows.TryGetValue((sender, broadcast), out var window) || !window.SigningKey.AsSpan().SequenceEqual(key))
                _windows[(sender, broadcast)] = window = new ReplayWindow(key.ToArray());
            return window.TryAccept(sequence);
        }
    }
}

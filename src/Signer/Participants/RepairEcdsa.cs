using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Dkls23.Dkg;

namespace CcTsa.Signer.Participants;

/// <summary>
/// The threshold-ECDSA (P-384) half of one share repair, carried by the same messages as the FROST
/// half: a helper's P-384 deltas (own one kept, the others until sealed beside the Ed25519 ones) and
/// the public data of the key, which rides with the FROST public package in the σ deliveries'
/// public context (<see cref="JoinContext"/>) and so is bound, with it, in every seal's binding.
/// Guarded by the run's lock; wiped on Dispose.
/// </summary>
internal sealed class RepairEcdsa : IDisposable
{
    // marks a public context carrying both keys' packages; a FROST package never starts with it
    private static readonly byte[] Marker = "\0CCTSA-ECDSA\0"u8.ToArray();

    public P384RepairValue? OwnDelta { get; set; }

    public List<P384RepairValue>? Outgoing { get; set; }

    /// <summary>marker ‖ len(frost) ‖ frost ‖ ecdsa, or the FROST package alone when the epoch has no ECDSA key.</summary>
    public static byte[] JoinContext(byte[] frost, byte[]? ecdsa)
    {
        if (ecdsa is null) return frost;
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, frost.Length);
        return [.. Marker, .. length, .. frost, .. ecdsa];
    }

    public static (byte[] Frost, byte[]? Ecdsa) SplitContext(byte[] context)
    {
        if (!context.AsSpan().StartsWith(Marker) || context.Length < Marker.Length + 4) return (context, null);
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(context.AsSpan(Marker.Length));
        var start = Marker.Length + 4;
        if (length < 0 || length > context.Length - start) return (context, null);
        return (context[start..(start + length)], context[(start + length)..]);
    }

    /// <summary>Opens the P-384 half of a delivery (null when absent or it does not open).</summary>
    public static P384RepairValue? Open(bool sigma, byte[]? sealedHalf, ChannelKeyPair keys, SealContext context) =>
        sealedHalf is not null && P384RepairValue.Open(sigma, new SealedSecret(sealedHalf), keys, context).TryGet(out var v, out _) ? v : null;

    public void Dispose()
    {
        OwnDelta?.Dispose();
        OwnDelta = null;
        foreach (var d in Outgoing ?? []) d.Dispose();
        Outgoing = null;
    }

    public override string ToString() => "RepairEcdsa([redacted])";
}

using System.Runtime.InteropServices;

namespace CcTsa.Crypto.Native;

/// <summary>
/// Slab allocator for small secrets. Each region is one sodium_malloc block (guard pages, mlock'd
/// where the limit allows, wiped and unmapped only at process exit) cut into fixed-size slots, so a
/// secret costs a free-list pop instead of a few mmap/mprotect calls and a handful of memory
/// mappings. Two slot classes (32 and 64 bytes) cover scalars and nonce pairs; anything larger
/// gets its own sodium_malloc block. Slots are wiped with sodium_memzero before they go back on
/// the free list, so a slot handed out is always zero. Regions are never freed: the pool grows to
/// the peak number of live secrets and stays there (bounded by what the callers keep live).
/// </summary>
internal sealed class SecretArena
{
    /// <summary>Slots per region: 64 KiB of 32-byte slots, 128 KiB of 64-byte ones.</summary>
    internal const int SlotsPerRegion = 2048;

    internal static readonly SecretArena Small = new(32);
    internal static readonly SecretArena Large = new(64);

    private readonly int _slotSize;
    private readonly Stack<IntPtr> _free = new();
    private readonly List<IntPtr> _regions = [];
    private readonly Lock _gate = new();

    private SecretArena(int slotSize) => _slotSize = slotSize;

    internal int SlotSize => _slotSize;

    /// <summary>Regions allocated so far (each is one sodium_malloc block: a few mappings).</summary>
    internal int RegionCount
    {
        get { lock (_gate) return _regions.Count; }
    }

    /// <summary>The arena serving <paramref name="length"/> bytes, or null when the secret needs its own block.</summary>
    internal static SecretArena? For(int length) => length <= 32 ? Small : length <= 64 ? Large : null;

    /// <summary>A zeroed slot of <see cref="SlotSize"/> bytes.</summary>
    internal IntPtr Rent()
    {
        lock (_gate)
        {
            if (_free.Count == 0) Grow();
            return _free.Pop();
        }
    }

    /// <summary>Wipes the slot and makes it available again. The caller never uses it afterwards.</summary>
    internal void Return(IntPtr slot)
    {
        // Wipe outside the lock: the slot belongs to the caller until it is pushed.
        Libsodium.sodium_memzero(slot, (nuint)_slotSize);
        lock (_gate) _free.Push(slot);
    }

    private void Grow()
    {
        var bytes = (nuint)(_slotSize * SlotsPerRegion);
        var region = Libsodium.sodium_malloc(bytes);
        if (region == IntPtr.Zero) throw new OutOfMemoryException("sodium_malloc failed to allocate a secret region.");
        // sodium_malloc fills with garbage bytes (0xdb); slots must start zeroed.
        Libsodium.sodium_memzero(region, bytes);
        _regions.Add(region);
        for (int i = SlotsPerRegion - 1; i >= 0; i--) _free.Push(region + (i * _slotSize));
    }

    public override string ToString() => $"SecretArena({_slotSize}-byte slots)";
}

using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Tests.Native;

public class SecretArenaTests
{
    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(17)]
    public void Release_slot_is_wiped(int length)
    {
        var h = SecretHandle.Allocate(length);
        h.Span.Fill(0xA5);
        var slot = h.DangerousGetHandle();
        var slotSize = SecretArena.For(length)!.SlotSize;
        h.Dispose();

        // Regions are never unmapped, so the slot can still be read after release.
        var after = new byte[slotSize];
        Marshal.Copy(slot, after, 0, slotSize);
        Assert.All(after, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Allocate_slot_starts_zeroed_even_after_reuse()
    {
        for (int i = 0; i < 3 * SecretArena.SlotsPerRegion; i++)
        {
            using var h = SecretHandle.Allocate(32);
            Assert.True(h.Span.IndexOfAnyExcept((byte)0) < 0, $"slot {i} not zero");
            h.Span.Fill(0xFF);
        }
    }

    [Fact]
    public void Allocate_concurrent_renters_never_share_a_slot()
    {
        var live = new ConcurrentDictionary<IntPtr, int>();
        var handles = new ConcurrentBag<SecretHandle>();
        Parallel.For(0, 8, worker =>
        {
            for (int i = 0; i < 5_000; i++)
            {
                var h = SecretHandle.Allocate(i % 2 == 0 ? 32 : 64);
                Assert.True(live.TryAdd(h.DangerousGetHandle(), worker), "slot handed out twice");
                handles.Add(h);
                if (i % 3 == 0)
                {
                    // Give some back while others rent, so the free list is exercised both ways.
                    Assert.True(live.TryRemove(h.DangerousGetHandle(), out _));
                    h.Dispose();
                }
            }
        });
        Assert.Equal(handles.Count(h => !h.IsClosed), live.Count);
        foreach (var h in handles) h.Dispose();
    }

    [Fact]
    public void Allocate_two_hundred_thousand_live_scalars_uses_few_mappings()
    {
        var before = MappingCount();
        var scalars = new List<Scalar>(200_000);
        try
        {
            for (int i = 0; i < 200_000; i++) scalars.Add(Scalar.Random());
            var grown = MappingCount() - before;
            // One guarded region per 2,048 slots: about a hundred regions, a few mappings each,
            // far from the per-secret allocation that used three mappings per scalar (600,000).
            Assert.InRange(grown, 0, 2_000);
            Assert.All(scalars.Take(100), s => Assert.False(Ed25519Group.IsZeroScalar(s.Secret)));
        }
        finally
        {
            foreach (var s in scalars) s.Dispose();
        }
    }

    [Fact]
    public void Dispose_twice_is_safe_and_returns_the_slot_once()
    {
        var h = SecretHandle.Allocate(32);
        h.Dispose();
        h.Dispose();
        Assert.Throws<ObjectDisposedException>(() => h.Span.Length);

        // Had the slot been pushed twice, two live handles would now share it.
        var a = SecretHandle.Allocate(32);
        var b = SecretHandle.Allocate(32);
        Assert.NotEqual(a.DangerousGetHandle(), b.DangerousGetHandle());
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void Allocate_large_secret_gets_its_own_block()
    {
        Assert.Null(SecretArena.For(128));
        using var h = SecretHandle.Allocate(128);
        Assert.Equal(128, h.Span.Length);
        Assert.True(h.Span.IndexOfAnyExcept((byte)0) < 0);
    }

    private static int MappingCount() => File.ReadLines("/proc/self/maps").Count();
}

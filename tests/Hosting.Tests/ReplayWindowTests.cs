namespace CcTsa.Hosting.Tests;

public class ReplayWindowTests
{
    [Fact]
    public void Each_number_is_accepted_once_even_out_of_order()
    {
        var w = new ReplayWindow(new byte[32]);
        Assert.True(w.TryAccept(5));
        Assert.True(w.TryAccept(3)); // overtaken on a concurrent queue: still fine
        Assert.True(w.TryAccept(4));
        Assert.False(w.TryAccept(5));
        Assert.False(w.TryAccept(3));
        Assert.True(w.TryAccept(6));
    }

    [Fact]
    public void Numbers_older_than_the_window_are_refused_and_memory_stays_fixed()
    {
        var w = new ReplayWindow(new byte[32]);
        Assert.True(w.TryAccept(1));
        Assert.True(w.TryAccept(1 + ReplayWindow.Size * 3L));
        Assert.False(w.TryAccept(2)); // can't tell whether it was seen: refused
        Assert.True(w.TryAccept(ReplayWindow.Size * 3L)); // inside the window, never seen
        Assert.False(w.TryAccept(-1));
    }

    [Fact]
    public void A_slot_reused_after_the_window_moved_is_fresh()
    {
        var w = new ReplayWindow(new byte[32]);
        Assert.True(w.TryAccept(10));
        Assert.True(w.TryAccept(10 + ReplayWindow.Size - 1));
        Assert.True(w.TryAccept(10 + ReplayWindow.Size + 5));
        Assert.True(w.TryAccept(10 + ReplayWindow.Size)); // same slot as 10, but a different number
        Assert.False(w.TryAccept(10 + ReplayWindow.Size));
    }
}

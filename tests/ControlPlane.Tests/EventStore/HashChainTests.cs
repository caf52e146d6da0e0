using System.Security.Cryptography;
using System.Text;
using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.EventStore;

namespace CcTsa.ControlPlane.Tests.EventStore;

public sealed class HashChainTests
{
    [Fact]
    public void Compute_hashes_prev_seq_time_type_and_data_in_the_documented_layout()
    {
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(12_340);
        var data = Encoding.UTF8.GetBytes("{\"a\":1}");
        var expected = new List<byte>();
        expected.AddRange(new byte[32]);
        expected.AddRange(BitConverter.GetBytes(7L).Reverse());
        expected.AddRange(BitConverter.GetBytes(HashChain.ToUnixMicroseconds(t)).Reverse());
        expected.AddRange(BitConverter.GetBytes(3).Reverse());
        expected.AddRange("abc"u8.ToArray());
        expected.AddRange(data);
        Assert.Equal(Sha256Hash.FromBytes(SHA256.HashData(expected.ToArray())), HashChain.Compute(HashChain.Genesis, 7, t, "abc", data));
    }

    [Fact]
    public void Changing_any_input_changes_the_hash()
    {
        var t = DateTimeOffset.UnixEpoch;
        var h = HashChain.Compute(Sha256Hash.Zero, 1, t, "x", "1"u8);
        Assert.NotEqual(h, HashChain.Compute(Sha256Hash.Zero, 2, t, "x", "1"u8));
        Assert.NotEqual(h, HashChain.Compute(Sha256Hash.Zero, 1, t.AddTicks(10), "x", "1"u8));
        Assert.NotEqual(h, HashChain.Compute(Sha256Hash.Zero, 1, t, "y", "1"u8));
        Assert.NotEqual(h, HashChain.Compute(Sha256Hash.Zero, 1, t, "x", "2"u8));
        Assert.NotEqual(h, HashChain.Compute(h, 1, t, "x", "1"u8));
    }

    [Fact]
    public void Normalize_truncates_to_microseconds_in_utc()
    {
        var t = new DateTimeOffset(2026, 5, 5, 5, 5, 5, TimeSpan.FromHours(2)).AddTicks(17);
        var n = HashChain.Normalize(t);
        Assert.Equal(TimeSpan.Zero, n.Offset);
        Assert.Equal(t.UtcTicks - 7, n.UtcTicks);
    }

    [Fact]
    public async Task Verifier_reports_a_gap_at_the_missing_sequence()
    {
        var t = DateTimeOffset.UnixEpoch;
        var data = "{}"u8.ToArray();
        var h1 = HashChain.Compute(HashChain.Genesis, 1, t, "partition_healed", data);
        var rows = new[] { new StoredEvent(1, t, "partition_healed", data, HashChain.Genesis, h1), new StoredEvent(3, t, "partition_healed", data, h1, h1) };
        var v = await ChainVerifier.VerifyAsync(rows.ToAsyncEnumerable());
        Assert.Equal((false, 1L, (long?)2), (v.Ok, v.Events, v.FirstBad));
    }
}

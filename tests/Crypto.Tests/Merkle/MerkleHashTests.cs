using System.Security.Cryptography;
using CcTsa.Crypto.Merkle;

namespace CcTsa.Crypto.Tests.Merkle;

/// <summary>
/// The RFC 9162 §2.1.1 hashes as MerkleHash computes them (OpenSSL's low-level SHA-256 on Linux)
/// equal .NET's SHA-256 over the prefixed input, for every entry length around the block
/// boundaries, and digests may alias the inputs.
/// </summary>
public class MerkleHashTests
{
    [Fact]
    public void On_Linux_the_tree_hashes_take_the_direct_path()
    {
        // the CI and the deployment hosts are Linux: the fast path must not silently fall back there
        Assert.Equal(OperatingSystem.IsLinux(), MerkleHash.UsesDirectSha256);
    }

    [Fact]
    public void Leaf_is_SHA256_of_0x00_and_the_entry_for_every_length_also_from_parts()
    {
        var random = new Random(9162);
        Span<byte> digest = stackalloc byte[32];
        Span<byte> parts = stackalloc byte[32];
        for (var length = 0; length <= 700; length++)
        {
            var entry = new byte[length];
            random.NextBytes(entry);
            MerkleHash.Leaf(entry, digest);
            Assert.Equal(SHA256.HashData([0x00, .. entry]), digest.ToArray());
            Assert.Equal(Convert.ToHexStringLower(digest), MerkleHash.Leaf(entry).Hex);
            var cut1 = length / 3;
            var cut2 = length - length / 5;
            MerkleHash.Leaf(entry.AsSpan(0, cut1), entry.AsSpan(cut1, cut2 - cut1), entry.AsSpan(cut2), parts);
            Assert.Equal(digest.ToArray(), parts.ToArray());
        }
    }

    [Fact]
    public void Node_is_SHA256_of_0x01_left_right_also_in_place()
    {
        var random = new Random(6962);
        for (var i = 0; i < 200; i++)
        {
            var left = new byte[32];
            var right = new byte[32];
            random.NextBytes(left);
            random.NextBytes(right);
            var expected = SHA256.HashData([0x01, .. left, .. right]);
            var digest = new byte[32];
            MerkleHash.Node(left, right, digest);
            Assert.Equal(expected, digest);
            var aliasLeft = left.ToArray();
            MerkleHash.Node(aliasLeft, right, aliasLeft);
            Assert.Equal(expected, aliasLeft);
            var aliasRight = right.ToArray();
            MerkleHash.Node(left, aliasRight, aliasRight);
            Assert.Equal(expected, aliasRight);
        }
    }

    [Fact]
    public void A_wrong_digest_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MerkleHash.Leaf([1, 2, 3], new byte[31]));
        Assert.Throws<ArgumentException>(() => MerkleHash.Node(new byte[32], new byte[32], new byte[33]));
        Assert.Throws<ArgumentException>(() => MerkleHash.Node(new byte[31], new byte[32], new byte[32]));
    }
}

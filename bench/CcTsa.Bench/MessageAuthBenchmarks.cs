using BenchmarkDotNet.Attributes;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Messages;
using CcTsa.Hosting;

namespace CcTsa.Bench;

/// <summary>
/// The cost of authenticating one protocol message, as MessageAuthenticator does it: the body
/// digest (CanonicalBody: a walk of the bus's JSON contract hashing the values in binary), the
/// signature input, Ed25519 sign at the sender; the same digest and input plus Ed25519 verify at
/// the receiver. "body digest, JSON (before)" is what the first version did instead of the walk:
/// serialize the body with the bus's options and hash the JSON. A small message
/// (ClockProbe) and a large one (ProduceSignatureShares for a 250-item batch, the biggest message
/// of a signing round, one per participant per batch).
/// </summary>
[MemoryDiagnoser]
public class MessageAuthBenchmarks
{
    private NodeSigningKey _key = null!;
    private byte[] _public = null!;
    private object _message = null!;
    private byte[] _signature = null!;

    [Params("ClockProbe", "ProduceSignatureShares(250)")]
    public string Message { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _key = NodeSigningKey.Generate();
        _public = _key.PublicKey;
        var n1 = NodeId.FromIndex(1);
        var n2 = NodeId.FromIndex(2);
        _message = Message == "ClockProbe"
            ? new ClockProbe(n1, n2, 638_000_000_000_000_000)
            : new ProduceSignatureShares(RoundId.New(), n1, n2, new KeyEpoch(1), [n1, n2, NodeId.FromIndex(3)], "rfc3161",
                [.. Enumerable.Range(0, 250).Select(_ => new ShareItem(System.Security.Cryptography.RandomNumberGenerator.GetBytes(256), System.Security.Cryptography.RandomNumberGenerator.GetBytes(96),
                    [new byte[64], new byte[64], new byte[64]]))]);
        _signature = Sign();
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark(Description = "sign (sender)")]
    public byte[] Sign() => _key.Sign(Input());

    [Benchmark(Description = "verify (receiver)")]
    public bool Verify() => NodeSigningKey.Verify(_public, Input(), _signature);

    [Benchmark(Description = "body digest, JSON (before)")]
    public byte[] JsonDigest() =>
        System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(_message, _message.GetType(), MassTransit.Serialization.SystemTextJsonMessageSerializer.Options));

    [Benchmark(Description = "body digest, contract walk (now)")]
    public byte[] Digest() => CanonicalBody.Digest(_message, _message.GetType());

    private byte[] Input() =>
        MessageSignatureInput.Compute(_message.GetType().Name, "n1", "n2", 42, CanonicalBody.Digest(_message, _message.GetType()));
}

using CcTsa.Crypto.Dkls23.Ot;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Setup;

/// <summary>One side's secret state between the pairwise-setup messages. Single use; wiped on Dispose.</summary>
public sealed class SetupSecret : IDisposable
{
    internal SetupSecret(byte[] keySid, ParticipantId self, ParticipantId peer, Scalar y, byte[] s, SecretHandle seed, byte[] salt)
    {
        KeySid = keySid;
        Self = self;
        Peer = peer;
        Y = y;
        S = s;
        Seed = seed;
        Salt = salt;
    }

    internal byte[] KeySid { get; }
    internal ParticipantId Self { get; }
    internal ParticipantId Peer { get; }
    internal Scalar Y { get; }
    /// <summary>Our base-OT S = y·G (ristretto255 encoding).</summary>
    internal byte[] S { get; }
    internal SecretHandle Seed { get; }
    internal byte[] Salt { get; }
    internal byte[]? PeerCommitment { get; set; }
    /// <summary>The peer's base-OT S (public), kept from message 1 for the transcript digest.</summary>
    internal byte[]? PeerS { get; set; }
    /// <summary>Our base-OT receiver answer R_ι (public), kept from message 2 for the transcript digest.</summary>
    internal byte[][]? OwnR { get; set; }
    internal SecretHandle Delta { get; } = SecretHandle.Allocate(BaseOt.Count / 8);
    internal SecretHandle DeltaKeys { get; } = SecretHandle.Allocate(BaseOt.Count * BaseOt.KeyBytes);

    public void Dispose()
    {
        Y.Dispose();
        Seed.Dispose();
        Delta.Dispose();
        DeltaKeys.Dispose();
    }

    public override string ToString() => $"SetupSecret({Self}↔{Peer}, [redacted])";
}

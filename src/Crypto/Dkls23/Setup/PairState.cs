using CcTsa.Crypto.Dkls23.Mul;
using CcTsa.Crypto.Dkls23.Ot;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Setup;

/// <summary>
/// What one party keeps about one peer after the pairwise setup (notes §4, §9): its OT-extension
/// seeds as Alice (toward the peer as Bob) and as Bob, the zero-share seed, and both gadget vectors.
/// Secret, memory only, lost on restart; re-run after every refresh/redistribution (notes §10).
/// </summary>
public sealed class PairState : IDisposable
{
    internal PairState(ParticipantId self, ParticipantId peer, OtSenderSeeds asAlice, OtReceiverSeeds asBob, SecretHandle zeroSeed,
        byte[] sidAsAlice, byte[] sidAsBob, byte[] transcript)
    {
        Self = self;
        Peer = peer;
        AsAlice = asAlice;
        AsBob = asBob;
        ZeroSeed = zeroSeed;
        SidAsAlice = sidAsAlice;
        SidAsBob = sidAsBob;
        GadgetAsAlice = Gadget.Derive(sidAsAlice);
        GadgetAsBob = Gadget.Derive(sidAsBob);
        Tag = TagOf(transcript);
    }

    /// <summary>Bytes of <see cref="Tag"/>: 128 bits, so two different setups collide only by a 2^-128 chance.</summary>
    public const int TagSize = 16;

    public ParticipantId Self { get; }

    public ParticipantId Peer { get; }

    internal OtSenderSeeds AsAlice { get; }

    internal OtReceiverSeeds AsBob { get; }

    internal SecretHandle ZeroSeed { get; }

    /// <summary>Pair sid of the instance Alice = Self, Bob = Peer.</summary>
    internal byte[] SidAsAlice { get; }

    /// <summary>Pair sid of the instance Alice = Peer, Bob = Self.</summary>
    internal byte[] SidAsBob { get; }

    internal Gadget GadgetAsAlice { get; }

    internal Gadget GadgetAsBob { get; }

    /// <summary>
    /// H(transcript digest of the setup that made this pair): the same at both sides exactly when
    /// both hold states of one setup. Public: Bob sends it with every round-1 message so that Alice
    /// tells "our pair states differ" (nobody to blame) apart from "Bob cheated in the OT extension".
    /// </summary>
    internal byte[] Tag { get; }

    /// <summary><see cref="Tag"/> in hex: which setup this pair came from, for logs and to tell a fresh setup from the last one.</summary>
    public string SetupTag => Convert.ToHexString(Tag);

    private static byte[] TagOf(byte[] transcript)
    {
        using var o = new Oracle("sign/pairtag");
        return o.Add(transcript).Finish(TagSize);
    }

    public void Dispose()
    {
        AsAlice.Dispose();
        AsBob.Dispose();
        ZeroSeed.Dispose();
    }

    public override string ToString() => $"PairState({Self}↔{Peer}, [redacted])";
}

using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Setup;

/// <summary>
/// Pairwise setup, message 1 (notes §4): S of the base OT in which the sender is Bob (instance
/// Alice = To, Bob = From), and a hash commitment to From's zero-share seed contribution.
/// </summary>
public sealed record SetupRound1(ParticipantId From, ParticipantId To, byte[] S, byte[] SeedCommitment)
{
    public override string ToString() => $"SetupRound1({From}→{To})";
}

/// <summary>
/// Pairwise setup, message 2: the base-OT receiver's R_ι (instance Alice = From, Bob = To; choices
/// are From's Δ) and the opening of the seed commitment.
/// </summary>
public sealed record SetupRound2(ParticipantId From, ParticipantId To, byte[][] R, byte[] Seed, byte[] Salt)
{
    public override string ToString() => $"SetupRound2({From}→{To})";
}

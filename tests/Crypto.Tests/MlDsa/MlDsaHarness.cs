using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>
/// A dealt 3-of-5 key and one run of the protocol step by step, with hooks to tamper with a
/// party's messages between rounds (the misbehaviour tests).
/// </summary>
internal sealed class MlDsaHarness : IDisposable
{
    public MlDsaHarness(byte seed = 7)
    {
        var xi = new byte[32];
        xi[0] = seed;
        (PublicKey, Shares) = TrustedDealer.Deal(xi);
    }

    public MlDsaPublicKey PublicKey { get; }

    public PartyKeyShare[] Shares { get; }

    public static readonly byte[] Message = "threshold ML-DSA-65 test message"u8.ToArray();

    public static ParticipantId P(int node) => ParticipantId.FromIndex(node);

    public PartyKeyShare[] Signers(params int[] nodes) => nodes.Select(n => Shares[n - 1]).ToArray();

    public static MlDsaSession Session(PartyKeyShare[] signers, int run = 1, RoundId? round = null) =>
        new(round ?? RoundId.New(), run, SignerSet.Of(signers.Select(s => s.Party)));

    /// <summary>Round 1 and Round 2 for every signer (all honest): states, commitments, reveals.</summary>
    public static (Round1State[] States, Commitment[] Commitments, Reveal[] Reveals) FirstTwoRounds(PartyKeyShare[] signers,
        MlDsaSession session, byte[]? message = null)
    {
        var r1 = signers.Select(s => Round1.Commit(s, session)).ToArray();
        var cmts = r1.Select(r => r.Commitment).ToArray();
        var reveals = r1.Select(r => Round2.Reveal(r.State, cmts, message ?? Message, []).Value).ToArray();
        return (r1.Select(r => r.State).ToArray(), cmts, reveals);
    }

    /// <summary>One full honest run, then the combiner's verdict.</summary>
    public Result<byte[], MlDsaError> OneRun(PartyKeyShare[] signers, MlDsaSession session, Func<int, byte[]>? messageOf = null)
    {
        var r1 = signers.Select(s => Round1.Commit(s, session)).ToArray();
        var cmts = r1.Select(r => r.Commitment).ToArray();
        var reveals = r1.Select((r, i) => Round2.Reveal(r.State, cmts, messageOf?.Invoke(i) ?? Message, []).Value).ToArray();
        var responses = r1.Select(r => Round3.Respond(r.State, reveals).Value).ToArray();
        return Combine.Sign(PublicKey, session, Message, [], reveals, responses);
    }

    public void Dispose()
    {
        foreach (var s in Shares) s.Dispose();
    }
}

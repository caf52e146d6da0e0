using CcTsa.Crypto.Dkls23.Dkg;
using CcTsa.Crypto.Dkls23.Mul;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Sign;

/// <summary>
/// One party's state for one signature (Protocol 3.6), carried from round 1 to round 3 and then
/// consumed: a session never emits (u_i, w_i) twice, so φ_i and r_i cannot leak through two
/// messages (P7). Never serialised; r_i, φ_i, χ, c/d values live only here (notes §9).
/// </summary>
public sealed class SignSession : IDisposable
{
    internal SignSession(KeyShare key, IReadOnlyDictionary<ParticipantId, PairState> pairs, IReadOnlyList<ParticipantId> signers, byte[] sigid)
    {
        Key = key;
        Pairs = pairs;
        Signers = signers;
        SigId = sigid;
    }

    internal KeyShare Key { get; }
    internal IReadOnlyDictionary<ParticipantId, PairState> Pairs { get; }
    internal IReadOnlyList<ParticipantId> Signers { get; }
    internal byte[] SigId { get; }
    internal ParticipantId Self => Key.Self;
    internal IEnumerable<ParticipantId> Peers => Signers.Where(j => j != Self);

    internal P384Scalar Nonce { get; set; }            // r_i
    internal P384Scalar Phi { get; set; }              // φ_i
    internal P384Point NoncePoint { get; set; } = null!;
    internal byte[] Salt { get; set; } = [];
    internal byte[] Commitment { get; set; } = [];

    /// <summary>Our RVOLE states as Bob toward each peer (Alice); χ_{i,j} = state.B.</summary>
    internal Dictionary<ParticipantId, RvoleBobState> Bob { get; } = [];
    internal Dictionary<ParticipantId, P384Scalar> Chi { get; } = [];

    // after round 2
    internal Dictionary<ParticipantId, byte[]> PeerCommitments { get; } = [];
    internal byte[] Echo { get; set; } = [];
    internal P384Scalar KeyShareAdditive { get; set; }  // sk_i
    internal P384Point PublicKeyShare { get; set; } = null!;
    internal Dictionary<ParticipantId, (P384Scalar U, P384Scalar V)> AliceShares { get; } = [];

    internal int Stage { get; set; } = 1;

    /// <summary>Which setup this session's pair with <paramref name="peer"/> came from (public; <see cref="PairState.SetupTag"/>).</summary>
    public string SetupTagOf(ParticipantId peer) => Pairs[peer].SetupTag;

    /// <summary>sid of the RVOLE instance (alice, bob) of this signature.</summary>
    internal static byte[] RvoleSid(byte[] pairSid, byte[] sigid)
    {
        using var o = new Oracle("rvole/sid");
        return o.Add(pairSid).Add(sigid).Finish(32);
    }

    internal static byte[] CommitmentOf(KeyShare key, byte[] sigid, ParticipantId i, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> salt)
    {
        using var o = new Oracle("sign/com");
        return o.Add(key.Sid).Add(sigid).Add(i.Value).Add(nonce).Add(salt).Finish(64);
    }

    public void Dispose()
    {
        foreach (var b in Bob.Values) b.Dispose();
        Bob.Clear();
        Chi.Clear();
        AliceShares.Clear();
        Nonce = Phi = KeyShareAdditive = P384Scalar.Zero;
        Stage = 0;
    }

    public override string ToString() => $"SignSession({Self}, stage {Stage}, [redacted])";
}

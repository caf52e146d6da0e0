namespace CcTsa.Signer.Participants;

/// <summary>
/// Counts, per (epoch, peer), how many different setups of this node's pair in a row a peer's
/// round-1 pair tag did not match (<see cref="CcTsa.Crypto.Dkls23.Dkls23Failure.PairMismatch"/>).
/// An honest peer mismatches when a setup message was lost, and while the pair is redone the two
/// offers may cross once or twice more; each such mismatch is on a fresh setup of ours. A peer that
/// sends a wrong tag on purpose only escapes blame for the OT rows it never had us use (it learns
/// nothing), but it would make us redo the setup forever: after <see cref="HonestMismatchesAtMost"/>
/// mismatched setups in a row it is named. Runs that reuse the same pair of ours add no evidence
/// (the redo is under way or rate-limited), and any run whose tags matched clears the count.
/// </summary>
internal sealed class PairTagStrikes
{
    /// <summary>Setups of one pair that may mismatch in a row without anyone cheating: the lost message and two crossed redos.</summary>
    public const int HonestMismatchesAtMost = 3;

    private readonly Dictionary<(int Epoch, NodeId Peer), (string SetupTag, int Setups)> _seen = [];

    /// <summary>Records a mismatch on our pair made by setup <paramref name="setupTag"/>; the count of mismatched setups in a row.</summary>
    public int Mismatched(int epoch, NodeId peer, string setupTag)
    {
        lock (_seen)
        {
            var had = _seen.TryGetValue((epoch, peer), out var last);
            if (had && last.SetupTag == setupTag) return last.Setups;
            var setups = (had ? last.Setups : 0) + 1;
            _seen[(epoch, peer)] = (setupTag, setups);
            return setups;
        }
    }

    /// <summary>True when <paramref name="setups"/> mismatched setups in a row are more than an honest peer can cause.</summary>
    public static bool Persists(int setups) => setups > HonestMismatchesAtMost;

    /// <summary>A run found the tags equal: the pair agrees, earlier mismatches were honest.</summary>
    public void Matched(int epoch, NodeId peer)
    {
        lock (_seen) _seen.Remove((epoch, peer));
    }

    /// <summary>Drops the counts of epochs the node no longer holds (they can never match again).</summary>
    public void ForgetEpochsWhere(Func<int, bool> dropped)
    {
        lock (_seen) foreach (var key in _seen.Keys.Where(k => dropped(k.Epoch)).ToList()) _seen.Remove(key);
    }

    /// <summary>The peer restarted: every pair with it is new, so are its mismatches.</summary>
    public void Forget(NodeId peer)
    {
        lock (_seen) foreach (var key in _seen.Keys.Where(k => k.Peer == peer).ToList()) _seen.Remove(key);
    }
}

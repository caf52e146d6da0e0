using System.Globalization;
using CcTsa.ControlPlane.EventStore;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Hashing;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// `cctsa audit verify`, /api/audit/verify and the start-up check: one streaming walk over the
/// stored rows that checks every link (<see cref="ChainVerifier.CheckFast"/>), every signed tree head
/// (LogHeadSigned: its root against the events, its token's signature and imprint, see
/// <see cref="SignedHeadWalk"/>), every AuditAnchored head of older logs against the hash the chain
/// has at the anchored sequence and its token, and every expected head recorded outside the log, so a
/// truncated log or a rewrite with recomputed hashes fails and names the sequence. Stops at the
/// first failure. Hashes of the most recent <see cref="Window"/> rows are kept for the anchor
/// checks (an anchor follows its head closely); an older anchored sequence is looked up afterwards.
/// </summary>
public sealed class AuditVerifier(IEventLog log)
{
    public const int Window = 1 << 16;

    private static readonly string AnchoredAlias = EventCodec.AliasOf(typeof(AuditAnchored));
    private static readonly string HeadAlias = EventCodec.AliasOf(typeof(LogHeadSigned));

    public Task<AuditReport> VerifyAsync(CancellationToken ct = default) => VerifyAsync(AuditVerifyOptions.ChainOnly, ct);

    public async Task<AuditReport> VerifyAsync(AuditVerifyOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var walk = new Walk(options);
        var start = options.StartFrom is { Sequence: > 0 } s ? s : null;
        await foreach (var row in log.StoredAsync(start is null ? 0 : start.Sequence - 1, ct).ConfigureAwait(false))
        {
            if (walk.Failure is not null) break;
            if (start is not null && walk.Count == 0 && walk.Next == 1) walk.Resume(row, start);
            else walk.Step(row);
        }
        if (walk.Failure is null && start is not null && walk.Next == 1)
            walk.Fail(start.Sequence, $"the log ends before sequence {start.Sequence.ToString(CultureInfo.InvariantCulture)}, which {start.Source} records: the log was truncated");
        if (walk.Failure is null) walk.CheckBeyondHead();
        if (walk.Failure is null) await CheckOldAnchorsAsync(walk, ct).ConfigureAwait(false);
        if (walk.Failure is null && await walk.Heads.CheckDeferredAsync(log, ct).ConfigureAwait(false) is { } head)
            walk.Fail(head.Seq, head.Reason);
        return walk.Report();
    }

    // an anchored sequence that fell out of the window: read its row's (verified) hash directly
    private async Task CheckOldAnchorsAsync(Walk walk, CancellationToken ct)
    {
        foreach (var (anchorSeq, a) in walk.OldAnchors)
        {
            await foreach (var row in log.StoredAsync(a.AnchoredSequence - 1, ct).ConfigureAwait(false))
            {
                walk.CompareAnchor(anchorSeq, a, row.Hash);
                break;
            }
            if (walk.Failure is not null) return;
        }
    }

    private sealed class Walk(AuditVerifyOptions options)
    {
        private readonly Sha256Hash[] _ring = new Sha256Hash[Window];
        // heads below an incremental start were matched by the walk that recorded the start
        private readonly Dictionary<long, List<ExpectedHead>> _expected = options.Expected
            .Where(e => e.Sequence >= (options.StartFrom?.Sequence ?? 0))
            .GroupBy(e => e.Sequence).ToDictionary(g => g.Key, g => g.ToList());
        private Sha256Hash _prev = HashChain.Genesis;
        private long _first = 1;
        private int _anchors, _tokens, _noToken, _matched;

        public long Next { get; private set; } = 1;
        public long Count { get; private set; }
        public (long Seq, string Reason)? Failure { get; private set; }
        public List<(long AnchorSeq, AuditAnchored Anchor)> OldAnchors { get; } = [];
        public SignedHeadWalk Heads { get; } = new(options.Tokens, options.StartFrom is not { Sequence: > 0 });

        public void Fail(long seq, string reason) => Failure ??= (seq, reason);

        /// <summary>The first row of an incremental walk: it must be the recorded head itself.</summary>
        public void Resume(StoredEvent row, ExpectedHead start)
        {
            if (row.Sequence != start.Sequence)
            {
                Fail(start.Sequence, $"sequence {start.Sequence.ToString(CultureInfo.InvariantCulture)}, which {start.Source} records, is missing from the log");
                return;
            }
            if (!ChainVerifier.HashMatches(row) || row.Hash != start.Hash)
            {
                Fail(start.Sequence, $"the hash at sequence {start.Sequence.ToString(CultureInfo.InvariantCulture)} differs from the head {start.Source} records: the log was rewritten");
                return;
            }
            _first = start.Sequence + 1;
            if (MatchesExpected(row)) Accept(row);
        }

        public void Step(StoredEvent row)
        {
            if (ChainVerifier.CheckFast(row, Next, _prev) is { } reason)
            {
                Fail(Next, reason);
                return;
            }
            if (!MatchesExpected(row)) return;
            Accept(row);
            if (string.Equals(row.Type, AnchoredAlias, StringComparison.Ordinal)
                && EventCodec.TryDecode(row.Type, row.Data.Span, out var data) && data is AuditAnchored a)
                CheckAnchor(row.Sequence, a);
            else if (string.Equals(row.Type, HeadAlias, StringComparison.Ordinal)
                && EventCodec.TryDecode(row.Type, row.Data.Span, out var head) && head is LogHeadSigned h
                && Heads.Head(row.Sequence, h) is { } bad)
                Fail(bad.Seq, bad.Reason);
        }

        private bool MatchesExpected(StoredEvent row)
        {
            if (!_expected.Remove(row.Sequence, out var heads)) return true;
            foreach (var e in heads)
            {
                if (e.Hash != row.Hash)
                {
                    Fail(row.Sequence, $"the hash at sequence {row.Sequence.ToString(CultureInfo.InvariantCulture)} differs from the head {e.Source} records: the log was rewritten");
                    return false;
                }
                _matched++;
            }
            return true;
        }

        private void Accept(StoredEvent row)
        {
            _ring[row.Sequence & (Window - 1)] = row.Hash;
            _prev = row.Hash;
            Heads.Leaf(row);
            Next = row.Sequence + 1;
            Count++;
        }

        private void CheckAnchor(long anchorSeq, AuditAnchored a)
        {
            var at = a.AnchoredSequence;
            if (at < 1 || at >= anchorSeq)
            {
                Fail(anchorSeq, $"audit_anchored at sequence {anchorSeq.ToString(CultureInfo.InvariantCulture)} names sequence {at.ToString(CultureInfo.InvariantCulture)}, which does not precede it");
                return;
            }
            if (!Sha256Hash.TryParse(a.ChainHeadHex, out var recorded))
            {
                Fail(anchorSeq, $"audit_anchored at sequence {anchorSeq.ToString(CultureInfo.InvariantCulture)} records no valid head hash");
                return;
            }
            if (a.TokenBase64 is null) _noToken++;
            else if (options.Tokens is { } tokens)
            {
                if (tokens.Check(a.TokenBase64, recorded) is { } why)
                {
                    Fail(anchorSeq, $"audit_anchored at sequence {anchorSeq.ToString(CultureInfo.InvariantCulture)}: {why}");
                    return;
                }
                _tokens++;
            }
            // below an incremental start the head was verified by an earlier walk
            if (at < _first - 1) return;
            if (at >= Next - Window) CompareAnchor(anchorSeq, a, _ring[at & (Window - 1)]);
            else OldAnchors.Add((anchorSeq, a));
        }

        public void CompareAnchor(long anchorSeq, AuditAnchored a, Sha256Hash chain)
        {
            if (!string.Equals(chain.Hex, a.ChainHeadHex, StringComparison.OrdinalIgnoreCase))
            {
                Fail(a.AnchoredSequence, string.Create(CultureInfo.InvariantCulture,
                    $"audit_anchored at sequence {anchorSeq} records head {a.ChainHeadHex} for sequence {a.AnchoredSequence}, but the chain has {chain.Hex} there: the log was rewritten"));
                return;
            }
            _anchors++;
        }

        /// <summary>Expected heads past the last row: the log is shorter than a head recorded outside it.</summary>
        public void CheckBeyondHead()
        {
            if (_expected.Count == 0) return;
            var e = _expected.Values.SelectMany(x => x).MaxBy(x => x.Sequence)!;
            var head = Next - 1;
            Fail(head + 1, string.Create(CultureInfo.InvariantCulture,
                $"the log ends at sequence {head} but {e.Source} records a head at sequence {e.Sequence}: the log was truncated"));
        }

        public AuditReport Report() => new(Failure is null, Count, Failure?.Seq, Failure?.Reason, Next - 1, _anchors, _tokens, _noToken, _matched, Heads.Checked);
    }
}

using CcTsa.Contracts.Events;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.ControlPlane.EventStore;

namespace CcTsa.ControlPlane.Tests.EventStore;

/// <summary>The audit query's type and time windows (issue 17's index-driven page query), on every store.</summary>
public abstract partial class EventLogConformance
{
    [Fact]
    public async Task Type_and_time_window_pages_equal_the_filter_over_the_whole_log()
    {
        await using var log = await OpenAsync();
        var batches = new List<IReadOnlyList<EventEnvelope>>();
        for (var b = 0; b < 4; b++)
        {
            // one append per store time; a third of each batch is another type
            batches.Add(await log.AppendAsync([.. Enumerable.Range(b * 10, 10).Select(i => i % 3 == 0 ? (object)SampleEvents.Attested(1 + i % 5) : SampleEvents.Token(i))]));
            await Task.Delay(5);
        }
        var all = await log.ReadAsync(0, 1000);
        var (from, to) = (batches[1][0].Timestamp, batches[2][0].Timestamp);
        var token = EventCodec.Aliases[typeof(TokenIssued)];
        var attested = EventCodec.Aliases[typeof(NodeAttested)];
        EventFilter[] filters = [new(token, from, to), new(null, from, to), new(token, from), new(null, null, to), new(attested, from, to), new(token, to, from.AddTicks(-10))];
        foreach (var filter in filters)
        {
            var expected = all.Where(filter.Matches).Select(e => e.Sequence).ToList();
            var read = new List<long>();
            for (IReadOnlyList<EventEnvelope> page; (page = await log.ReadAsync(read.LastOrDefault(), 3, filter)).Count > 0;)
                read.AddRange(page.Select(e => e.Sequence));
            Assert.Equal(expected, read);
        }
        Assert.Equal(14, all.Count(filters[0].Matches));
    }
}

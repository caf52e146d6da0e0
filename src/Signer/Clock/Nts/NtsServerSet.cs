using CcTsa.Crypto.Common;
using CcTsa.Crypto.Nts;

namespace CcTsa.Signer.Clock.Nts;

/// <summary>
/// The configured NTS servers (--nts, repeatable), queried together; each keeps its own NTS-KE
/// session and cookies between rounds.
/// </summary>
public sealed class NtsServerSet : IDisposable
{
    /// <summary>How long one server may take for NTS-KE or for one NTP exchange.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    private readonly NtsTimeClient[] _clients;

    public NtsServerSet(IReadOnlyList<NtsServerEndpoint> servers, NtsTrust trust, Func<DateTimeOffset> clock, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        if (servers.Count == 0) throw new ArgumentException("At least one NTS server is needed.", nameof(servers));
        _clients = [.. servers.Select(s => new NtsTimeClient(s, trust, clock, timeout ?? DefaultTimeout))];
    }

    public IReadOnlyList<NtsServerEndpoint> Servers => [.. _clients.Select(c => c.Endpoint)];

    public async Task<NtsRound> QueryAsync(CancellationToken ct)
    {
        var answers = await Task.WhenAll(_clients.Select(c => c.QueryAsync(ct))).ConfigureAwait(false);
        return NtsRound.Of(answers);
    }

    public void Dispose()
    {
        foreach (var c in _clients) c.Dispose();
    }
}

namespace CcTsa.Signer.Clock.Nts;

/// <summary>
/// `--nts default`: the documented list of public NTS servers, used only when the operator names
/// the word — nothing in the product calls a network address the operator did not configure.
/// Each host is in the community NTS registry (github.com/jauderho/nts-servers, nts-sources.yml) and
/// the list spans four independent operators so no one of them is a majority of the five.
/// </summary>
public static class PublicNtsServers
{
    /// <summary>The word that stands for the list on the command line.</summary>
    public const string Keyword = "default";

    /// <summary>Cloudflare (anycast), Netnod (Sweden, stratum 1), PTB (Germany, stratum 1, two hosts), SIDN TimeNL (Netherlands, stratum 1); NTS-KE on 4460.</summary>
    public static IReadOnlyList<NtsServerEndpoint> All { get; } =
    [
        new("time.cloudflare.com", 4460),
        new("nts.netnod.se", 4460),
        new("ptbtime1.ptb.de", 4460),
        new("ptbtime2.ptb.de", 4460),
        new("ntppool1.time.nl", 4460),
    ];

    /// <summary>
    /// The servers of the `--nts` values, in order, with <see cref="Keyword"/> expanded to <see cref="All"/>
    /// and duplicates dropped (a server counted twice would vote twice in the Marzullo majority).
    /// </summary>
    public static IReadOnlyList<NtsServerEndpoint> Expand(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var servers = new List<NtsServerEndpoint>();
        foreach (var value in values)
        {
            var add = string.Equals(value, Keyword, StringComparison.OrdinalIgnoreCase) ? All : [NtsServerEndpoint.Parse(value)];
            foreach (var s in add)
                if (!servers.Any(k => string.Equals(k.Host, s.Host, StringComparison.OrdinalIgnoreCase) && k.Port == s.Port)) servers.Add(s);
        }
        return servers;
    }
}

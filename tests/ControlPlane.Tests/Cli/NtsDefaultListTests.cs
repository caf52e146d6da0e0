using CcTsa.Signer.Clock.Nts;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>`--nts default`: the documented public list, only when named; no network is touched here.</summary>
public sealed class NtsDefaultListTests
{
    [Fact]
    public void Default_expands_to_the_documented_public_servers_on_the_nts_ke_port()
    {
        var servers = PublicNtsServers.Expand(["default"]);
        Assert.Equal(["time.cloudflare.com:4460", "nts.netnod.se:4460", "ptbtime1.ptb.de:4460", "ptbtime2.ptb.de:4460", "ntppool1.time.nl:4460"],
            servers.Select(s => s.ToString()));
    }

    [Fact]
    public void Without_the_word_only_the_named_servers_are_used()
    {
        var servers = PublicNtsServers.Expand(["127.0.0.1:4461", "time.example"]);
        Assert.Equal(["127.0.0.1:4461", "time.example:4460"], servers.Select(s => s.ToString()));
        Assert.Empty(PublicNtsServers.Expand([]));
    }

    [Fact]
    public void Default_beside_named_servers_keeps_order_and_counts_each_server_once()
    {
        var servers = PublicNtsServers.Expand(["nts.netnod.se", "DEFAULT", "127.0.0.1:4461"]);
        Assert.Equal("nts.netnod.se:4460", servers[0].ToString());
        Assert.Equal(1, servers.Count(s => s.Host == "nts.netnod.se"));
        Assert.Equal(6, servers.Count);
        Assert.Equal("127.0.0.1:4461", servers[^1].ToString());
    }

    [Fact]
    public void A_bad_server_beside_default_is_still_named_in_the_error()
    {
        var e = Assert.Throws<FormatException>(() => PublicNtsServers.Expand(["default", "time.example:0"]));
        Assert.Contains("'time.example:0'", e.Message, StringComparison.Ordinal);
    }
}

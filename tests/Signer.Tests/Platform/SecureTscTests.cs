using CcTsa.Signer.Platform;
using CcTsa.Testing;

namespace CcTsa.Signer.Tests.Platform;

/// <summary>Secure TSC detection: the pure rule over clocksource and SEV_STATUS, and the probe over fake sysfs/msr trees.</summary>
public sealed class SecureTscTests
{
    private const ulong Snp = FakeSysTree.SnpEnabled;
    private const ulong Tsc = FakeSysTree.SecureTscBit;

    [Theory]
    [InlineData("tsc", Snp | Tsc | 1 | 2, SecureTsc.On)]
    [InlineData("tsc\n", Snp | Tsc, SecureTsc.On)]
    [InlineData("tsc", Snp, SecureTsc.Off)]
    [InlineData("tsc", Tsc, SecureTsc.Off)] // the bit without SNP means nothing
    [InlineData("kvm-clock", Snp | Tsc, SecureTsc.Off)] // Secure TSC on, but the kernel reads the hypervisor's clock
    [InlineData("hyperv_clocksource_tsc_page", Snp | Tsc, SecureTsc.Off)]
    public void The_rule_needs_the_SEV_STATUS_bit_under_SNP_and_the_TSC_as_clocksource(string clocksource, ulong status, SecureTsc expected) =>
        Assert.Equal(expected, SecureTscRule.Judge(clocksource, status));

    [Fact]
    public void What_cannot_be_read_is_unknown_unless_the_other_fact_settles_it()
    {
        Assert.Equal(SecureTsc.Unknown, SecureTscRule.Judge("tsc", null));
        Assert.Equal(SecureTsc.Unknown, SecureTscRule.Judge(null, Snp | Tsc));
        Assert.Equal(SecureTsc.Unknown, SecureTscRule.Judge(null, null));
        Assert.Equal(SecureTsc.Off, SecureTscRule.Judge("kvm-clock", null));
        Assert.Equal(SecureTsc.Off, SecureTscRule.Judge(null, Snp));
    }

    [Theory]
    [InlineData(SecureTsc.On, "true")]
    [InlineData(SecureTsc.Off, "false")]
    [InlineData(SecureTsc.Unknown, "unknown")]
    public void Names_are_the_event_values(SecureTsc value, string name) => Assert.Equal(name, SecureTscRule.Name(value));

    [Fact]
    public void Probe_reads_the_clocksource_and_the_SEV_STATUS_msr_of_a_fake_tree()
    {
        using (var on = new FakeSysTree("tsc", Snp | Tsc)) Assert.Equal(SecureTsc.On, new SecureTscProbe(on.Root).Detect());
        using (var off = new FakeSysTree("tsc", Snp)) Assert.Equal(SecureTsc.Off, new SecureTscProbe(off.Root).Detect());
        using (var kvm = new FakeSysTree("kvm-clock", Snp | Tsc)) Assert.Equal(SecureTsc.Off, new SecureTscProbe(kvm.Root).Detect());
    }

    [Fact]
    public void Probe_without_the_msr_driver_or_with_a_short_read_is_unknown()
    {
        using (var noMsr = new FakeSysTree("tsc", null)) Assert.Equal(SecureTsc.Unknown, new SecureTscProbe(noMsr.Root).Detect());
        using (var shortRead = new FakeSysTree("tsc", Snp | Tsc, msrBytes: 4)) Assert.Equal(SecureTsc.Unknown, new SecureTscProbe(shortRead.Root).Detect());
        using var empty = new FakeSysTree(null, null);
        Assert.Equal(SecureTsc.Unknown, new SecureTscProbe(empty.Root).Detect());
    }

    [Fact]
    public async Task A_genuine_launch_reports_what_the_probe_finds_under_its_system_root()
    {
        using var tsm = new FakeConfigfsTsm(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable());
        using var sys = new FakeSysTree("tsc", Snp | Tsc);
        var launch = await GenuineLaunch.StartAsync(tsm.Root, null, null, CancellationToken.None, sys.Root);
        Assert.Equal(SecureTsc.On, launch.SecureTsc);
        using var kvm = new FakeSysTree("kvm-clock", Snp | Tsc);
        Assert.Equal(SecureTsc.Off, (await GenuineLaunch.StartAsync(tsm.Root, null, null, CancellationToken.None, kvm.Root)).SecureTsc);
    }
}

using System.CommandLine;
using CcTsa.Signer.Cli;
using CcTsa.Signer.Tests.Platform;
using CcTsa.Testing;

namespace CcTsa.Signer.Tests.Cli;

/// <summary>Bad launch options are usage errors (exit 2) with a message, before any broker or platform is touched.</summary>
public sealed class SignerCommandTests
{
    private static (int Exit, string Error) Run(params string[] extra)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = ["--id", "n5", "--provider", "third", "--amqp", "amqp://guest:guest@127.0.0.1:1/", .. extra];
        var exit = SignerCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, error.ToString());
    }

    [Fact]
    public void Unknown_flaw_exits_2_naming_the_accepted_flaws()
    {
        var (exit, error) = Run("--sim-root", Path.GetTempPath(), "--flaw", "bad-firmware");
        Assert.Equal(2, exit);
        Assert.Contains("--flaw", error, StringComparison.Ordinal);
        Assert.Contains("forged-report", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("00")]
    public void Measurement_that_is_not_96_hex_digits_exits_2(string hex)
    {
        var (exit, error) = Run("--sim-root", Path.GetTempPath(), "--measurement", hex);
        Assert.Equal(2, exit);
        Assert.Contains("96 hex digits", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Flaw_without_the_simulated_platform_exits_2()
    {
        var (exit, error) = Run("--flaw", "debug-policy");
        Assert.Equal(2, exit);
        Assert.Contains("--sim-root", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tsa_ca_that_is_missing_exits_2()
    {
        var (exit, error) = Run("--tsa-ca", Path.Combine(Path.GetTempPath(), "no-such-ca-" + Guid.NewGuid().ToString("N") + ".pem"));
        Assert.Equal(2, exit);
        Assert.Contains("--tsa-ca", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tsa_ca_without_a_certificate_block_exits_2()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "not a certificate");
            var (exit, error) = Run("--tsa-ca", file);
            Assert.Equal(2, exit);
            Assert.Contains("PEM", error, StringComparison.Ordinal);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void No_time_source_exits_2_naming_both_options()
    {
        var (exit, error) = Run("--sim-root", Path.GetTempPath());
        Assert.Equal(2, exit);
        Assert.Contains("--nts host[:port]", error, StringComparison.Ordinal);
        Assert.Contains("--simulated-time", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulated_time_on_the_genuine_platform_is_refused()
    {
        var (exit, error) = Run("--simulated-time");
        Assert.Equal(2, exit);
        Assert.Contains("--simulated-time only applies to the simulated platform", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulated_time_and_real_nts_together_are_refused()
    {
        var (exit, error) = Run("--sim-root", Path.GetTempPath(), "--simulated-time", "--nts", "127.0.0.1:4460");
        Assert.Equal(2, exit);
        Assert.Contains("exclude each other", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_nts_server_or_missing_nts_ca_exits_2()
    {
        var (exit, error) = Run("--nts", "time.example:0");
        Assert.Equal(2, exit);
        Assert.Contains("--nts: NTS server 'time.example:0'", error, StringComparison.Ordinal);
        (exit, error) = Run("--nts", "time.example", "--nts-ca", "/nonexistent/nts-ca.pem");
        Assert.Equal(2, exit);
        Assert.Contains("/nonexistent/nts-ca.pem", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_tcb_that_is_not_dotted_exits_2()
    {
        var (exit, error) = Run("--min-tcb", "bl=3");
        Assert.Equal(2, exit);
        Assert.Contains("--min-tcb", error, StringComparison.Ordinal);
    }

    [Fact]
    public void On_SEV_SNP_a_launch_that_differs_from_the_pinned_measurement_exits_1_before_the_broker()
    {
        using var tsm = new FakeConfigfsTsm(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable());
        var (exit, error) = Run("--tsm-root", tsm.Root, "--measurement", new string('0', 96), "--nts", "127.0.0.1:4460");
        Assert.Equal(1, exit);
        Assert.Contains("The platform cannot attest this node", error, StringComparison.Ordinal);
        Assert.Contains("not the pinned", error, StringComparison.Ordinal);
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using CcTsa.Cli.Commands;
using CcTsa.Testing;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>`cctsa clock check` against a local chronyd NTS server.</summary>
public sealed partial class ClockCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CctsaCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"offset ([+-][0-9.]+) ms  uncertainty ([0-9.]+) ms")]
    private static partial Regex Measurement();

    [Fact]
    public void Check_prints_offset_uncertainty_per_server_and_the_selection()
    {
        using var a = new ChronyNtsServer();
        using var b = new ChronyNtsServer();
        // a generous --timeout: the default 2 s per server is the product's choice, not what this test checks,
        // and an NTS-KE handshake on a CI host at load average 40 can take longer
        var (exit, output, error) = Run("clock", "check", "--nts", a.Endpoint, "--nts", b.Endpoint, "--nts-ca", a.CertificatePath, "--nts-ca", b.CertificatePath,
            "--timeout", "30000");
        Assert.True(exit == ExitCodes.Ok, output + error);
        var lines = Measurement().Matches(output);
        Assert.Equal(2, lines.Count);
        // chronyd serves this host's own clock, so the true offset is 0 and each printed measurement must
        // contain it (|offset| <= uncertainty); a fixed ±50 ms window failed when load delayed a receive
        // timestamp (the offset moves and the uncertainty widens with it). 5 ms: the server's timestamp fuzz.
        foreach (Match m in lines)
        {
            var offset = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var uncertainty = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(offset) <= uncertainty + 5, $"offset {offset} ms ± {uncertainty} ms does not contain this host's own clock: {m.Value}");
            // and the bound is a measurement, not a shrug: a loopback round trip is far below a second
            Assert.True(uncertainty < 1000, $"uncertainty {uncertainty} ms is no measurement: {m.Value}");
        }
        Assert.Contains($"truechimers {a.Endpoint}, {b.Endpoint}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_with_an_untrusted_certificate_fails_with_exit_1_and_names_the_reason()
    {
        using var a = new ChronyNtsServer();
        using var b = new ChronyNtsServer();
        var (exit, output, _) = Run("clock", "check", "--nts", a.Endpoint, "--nts-ca", b.CertificatePath);
        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.Contains($"{a.Endpoint}  FAILED UntrustedCertificate", output, StringComparison.Ordinal);
        Assert.Contains("selection: no majority", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_against_a_stopped_server_exits_3()
    {
        using var a = new ChronyNtsServer();
        a.Stop();
        var (exit, output, _) = Run("clock", "check", "--nts", a.Endpoint, "--nts-ca", a.CertificatePath, "--timeout", "500");
        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("FAILED KeConnectionFailed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_server_or_missing_ca_file_is_a_usage_error()
    {
        var (exit, _, error) = Run("clock", "check", "--nts", "127.0.0.1:99999");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("port '99999' is not a number from 1 to 65535", error, StringComparison.Ordinal);
        (exit, _, error) = Run("clock", "check", "--nts", "127.0.0.1:4460", "--nts-ca", "/nonexistent/ca.pem");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("/nonexistent/ca.pem", error, StringComparison.Ordinal);
    }
}

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
        var (exit, output, error) = Run("clock", "check", "--nts", a.Endpoint, "--nts", b.Endpoint, "--nts-ca", a.CertificatePath, "--nts-ca", b.CertificatePath);
        Assert.True(exit == ExitCodes.Ok, output + error);
        var lines = Measurement().Matches(output);
        Assert.Equal(2, lines.Count);
        foreach (Match m in lines)
            Assert.InRange(Math.Abs(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)), 0, 50);
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

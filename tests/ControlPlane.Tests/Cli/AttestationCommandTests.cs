using System.CommandLine;
using CcTsa.Cli.Commands;
using CcTsa.Testing;

namespace CcTsa.ControlPlane.Tests.Cli;

public sealed class AttestationCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CctsaCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static string F(string relative) => Fixtures.PathOf("sev-snp/" + relative);

    [Fact]
    public void Verify_milan_virtee_with_shipped_roots_exits_0_and_prints_every_field()
    {
        var (exit, output, _) = Run("attestation", "verify", "--report", F("milan-virtee/report.bin"), "--vcek", F("milan-virtee/vcek.der"));
        Assert.Equal(ExitCodes.Ok, exit);
        foreach (var field in new[] { "version:", "policy:", "measurement:", "chip_id:", "reported_tcb:", "report_data:", "vcek_tcb:", "verdict: VALID" })
            Assert.Contains(field, output, StringComparison.Ordinal);
        Assert.Contains("0x30000 (abi=0.0, smt)", output, StringComparison.Ordinal);
        Assert.Contains("bl=3,tee=0,snp=8,ucode=115", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_milan_virtee_with_explicit_chain_measurement_and_min_tcb_exits_0()
    {
        var m = Convert.ToHexStringLower(Fixtures.Bytes("sev-snp/milan-virtee/report.bin").AsSpan(0x90, 48));
        var (exit, output, _) = Run("attestation", "verify", "--report", F("milan-virtee/report.bin"), "--vcek", F("milan-virtee/vcek.der"),
            "--ask", F("milan-virtee/ask.pem"), "--ark", F("milan-virtee/ark.pem"), "--measurement", m, "--min-tcb", "bl=3,tee=0,snp=8,ucode=115");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("verdict: VALID", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_tampered_report_exits_nonzero_with_ReportSignatureInvalid()
    {
        var tampered = Path.Combine(Path.GetTempPath(), "cctsa-tampered-" + Guid.NewGuid().ToString("N") + ".bin");
        var bytes = Fixtures.Bytes("sev-snp/milan-virtee/report.bin");
        bytes[21] ^= 0x80;
        File.WriteAllBytes(tampered, bytes);
        try
        {
            var (exit, output, _) = Run("attestation", "verify", "--report", tampered, "--vcek", F("milan-virtee/vcek.der"));
            Assert.Equal(ExitCodes.Invalid, exit);
            Assert.Contains("INVALID (ReportSignatureInvalid", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(tampered);
        }
    }

    [Fact]
    public void Verify_debug_policy_report_exits_nonzero_with_DebugAllowed()
    {
        var (exit, output, _) = Run("attestation", "verify", "--report", F("milan-debug-policy/attestation.bin"),
            "--vcek", F("milan-debug-policy/vcek.der"), "--ask", F("milan-debug-policy/ask_ark.pem"));
        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.Contains("DEBUG", output, StringComparison.Ordinal);
        Assert.Contains("INVALID (DebugAllowed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_with_wrong_min_tcb_exits_nonzero_with_TcbBelowMinimum()
    {
        var (exit, output, _) = Run("attestation", "verify", "--report", F("milan-virtee/report.bin"), "--vcek", F("milan-virtee/vcek.der"),
            "--min-tcb", "snp=9");
        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.Contains("TcbBelowMinimum", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_with_bad_measurement_hex_is_a_usage_error()
    {
        var (exit, _, error) = Run("attestation", "verify", "--report", F("milan-virtee/report.bin"), "--vcek", F("milan-virtee/vcek.der"),
            "--measurement", "zz");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--measurement", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_with_missing_report_file_is_a_usage_error()
    {
        var (exit, _, error) = Run("attestation", "verify", "--report", "/nonexistent/report.bin", "--vcek", F("milan-virtee/vcek.der"));
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("cannot read input", error, StringComparison.Ordinal);
    }
}

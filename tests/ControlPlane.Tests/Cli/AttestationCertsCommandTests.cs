using System.CommandLine;
using CcTsa.Cli.Commands;
using CcTsa.Testing;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>`cctsa attestation verify --report R --certs AUXBLOB`: genuine reports with the host's certificate table.</summary>
public sealed class AttestationCertsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cctsa-certs-").FullName;

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CctsaCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string VirteeReport => Fixtures.PathOf("sev-snp/milan-virtee/report.bin");

    [Fact]
    public void Genuine_report_with_its_certificate_table_is_VALID_and_exits_0()
    {
        var (exit, output, _) = Run("attestation", "verify", "--report", VirteeReport, "--certs", Write("aux", GenuineEvidence.VirteeTable()));
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("verdict: VALID", output, StringComparison.Ordinal);
        Assert.Contains("product:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("debug", "DebugAllowed")]
    [InlineData("other-chip", "ChipIdMismatch")]
    [InlineData("bad-table", "BadCertificateTable")]
    [InlineData("min-tcb", "TcbBelowMinimum")]
    [InlineData("measurement", "MeasurementNotAllowed")]
    [InlineData("forbid-smt", "SmtAllowed")]
    public void Each_refusal_exits_1_printing_its_reason(string refusal, string reason)
    {
        var report = refusal == "debug" ? Fixtures.PathOf("sev-snp/milan-debug-policy/attestation.bin") : VirteeReport;
        var table = refusal switch
        {
            "debug" => GenuineEvidence.DebugPolicyTable(),
            "other-chip" => GenuineEvidence.DebugPolicyTable(),
            "bad-table" => GenuineEvidence.VirteeTable()[..30],
            _ => GenuineEvidence.VirteeTable(),
        };
        var args = new List<string> { "attestation", "verify", "--report", report, "--certs", Write("aux", table) };
        if (refusal == "min-tcb") args.AddRange(["--min-tcb", "bl=3,tee=0,snp=9,ucode=115"]);
        if (refusal == "measurement") args.AddRange(["--measurement", new string('0', 96)]);
        if (refusal == "forbid-smt") args.Add("--forbid-smt");
        var (exit, output, _) = Run([.. args]);
        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.Contains($"verdict: INVALID ({reason}: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_table_with_vcek_dir_is_served_from_the_directory()
    {
        var report = Fixtures.Bytes("sev-snp/milan-virtee/report.bin");
        var parsed = CcTsa.Crypto.Attestation.SnpReport.Parse(report).Value;
        var cache = Directory.CreateDirectory(Path.Combine(_dir, "vceks")).FullName;
        var name = CcTsa.Crypto.Attestation.VcekDirectory.FileName(CcTsa.Crypto.Attestation.SnpProduct.Milan, parsed.ChipId.AsSpan(),
            parsed.ReportedTcb.Decode(CcTsa.Crypto.Attestation.SnpProduct.Milan));
        File.Copy(Fixtures.PathOf("sev-snp/milan-virtee/vcek.der"), Path.Combine(cache, name));
        var (exit, output, _) = Run("attestation", "verify", "--report", VirteeReport, "--certs", Write("aux", new byte[4096]), "--vcek-dir", cache);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("verdict: VALID", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Certs_and_vcek_together_or_neither_is_a_usage_error()
    {
        var aux = Write("aux", GenuineEvidence.VirteeTable());
        var (both, _, bothErr) = Run("attestation", "verify", "--report", VirteeReport, "--certs", aux, "--vcek", Fixtures.PathOf("sev-snp/milan-virtee/vcek.der"));
        Assert.Equal(ExitCodes.Usage, both);
        Assert.Contains("either --certs or --vcek", bothErr, StringComparison.Ordinal);
        var (neither, _, neitherErr) = Run("attestation", "verify", "--report", VirteeReport);
        Assert.Equal(ExitCodes.Usage, neither);
        Assert.Contains("--vcek-dir", neitherErr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using CcTsa.Crypto.Attestation;
using CcTsa.Crypto.Common;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa attestation verify --report R (--certs AUXBLOB | --vcek V [--ask A --ark K] | --vcek-dir DIR)
/// [--measurement HEX] [--min-tcb bl=N,tee=N,snp=N,ucode=N[,fmc=N]] [--report-data HEX] [--allow-debug]
/// [--forbid-smt] [--any-vmpl]`: prints every field of an SEV-SNP report and the verdict with its
/// reason. Exit 0 only if valid (1 invalid, 2 usage/unreadable input). --certs is the host's SEV
/// certificate table (configfs-tsm auxblob, SNP_GET_EXT_REPORT certificates); --vcek-dir serves a
/// table without certificates. Without ASK/ARK the shipped AMD roots matching the VCEK's issuer are used.
/// </summary>
public static class AttestationCommand
{
    public static Command Create()
    {
        var command = new Command("attestation", "SEV-SNP attestation reports");
        command.Subcommands.Add(CreateVerify());
        return command;
    }

    private static Command CreateVerify()
    {
        var report = new Option<FileInfo>("--report") { Description = "Attestation report (0x4A0 bytes)", Required = true };
        var certs = new Option<FileInfo?>("--certs") { Description = "SEV certificate table (auxblob): GUID-tagged VCEK/VLEK, ASK, ARK" };
        var vcekDir = new Option<DirectoryInfo?>("--vcek-dir") { Description = "Directory of VCEKs fetched from AMD's KDS (for reports that came with no certificates)" };
        var vcek = new Option<FileInfo?>("--vcek") { Description = "VCEK certificate (DER or PEM)" };
        var allowDebug = new Option<bool>("--allow-debug") { Description = "Accept a guest policy that allows debugging (never in production)" };
        var forbidSmt = new Option<bool>("--forbid-smt") { Description = "Refuse a guest policy that allows SMT" };
        var anyVmpl = new Option<bool>("--any-vmpl") { Description = "Accept a report requested at a VMPL other than 0" };
        var ask = new Option<FileInfo?>("--ask") { Description = "ASK certificate (DER/PEM; may also hold the ARK)" };
        var ark = new Option<FileInfo?>("--ark") { Description = "ARK certificate (must be one of AMD's roots)" };
        var measurement = new Option<string[]>("--measurement") { Description = "Allowed measurement(s), 96 hex digits", AllowMultipleArgumentsPerToken = true };
        var minTcb = new Option<string?>("--min-tcb") { Description = "Minimum TCB: bl=N,tee=N,snp=N,ucode=N[,fmc=N]" };
        var reportData = new Option<string?>("--report-data") { Description = "Expected REPORT_DATA, 128 hex digits" };
        var verify = new Command("verify", "Verify a report against AMD's chain and a policy; print every field and the verdict");
        foreach (var o in new Option[] { report, certs, vcekDir, vcek, ask, ark, measurement, minTcb, reportData, allowDebug, forbidSmt, anyVmpl }) verify.Options.Add(o);
        verify.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var sources = new object?[] { parse.GetValue(certs), parse.GetValue(vcek) }.Count(o => o is not null);
                if (sources > 1) return Usage(error, "give either --certs or --vcek, not both.");
                if (sources == 0 && parse.GetValue(vcekDir) is null) return Usage(error, "give the certificates: --certs AUXBLOB, --vcek FILE or --vcek-dir DIR.");
                var policy = new AttestationPolicy
                {
                    AllowDebug = parse.GetValue(allowDebug),
                    AllowSmt = !parse.GetValue(forbidSmt),
                    RequireVmpl0 = !parse.GetValue(anyVmpl),
                };
                if (parse.GetValue(measurement) is { Length: > 0 } hexes)
                {
                    var allowed = new HashSet<Measurement>();
                    foreach (var hex in hexes.SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                    {
                        if (!Measurement.TryParseHex(hex, out var m)) return Usage(error, "--measurement must be 96 hex digits (48 bytes).");
                        allowed.Add(m);
                    }
                    policy = policy with { AllowedMeasurements = allowed };
                }
                if (parse.GetValue(minTcb) is { } tcbText)
                {
                    if (!TcbParts.TryParse(tcbText, out var min, out var why)) return Usage(error, "--min-tcb: " + why + ".");
                    policy = policy with { MinimumTcb = min };
                }
                if (parse.GetValue(reportData) is { } rdHex)
                {
                    if (rdHex.Length != 128 || !TryHex(rdHex, out var rd)) return Usage(error, "--report-data must be 128 hex digits (64 bytes).");
                    policy = policy with { ExpectedReportData = [.. rd] };
                }
                var reportBytes = File.ReadAllBytes(parse.GetValue(report)!.FullName);
                var chain = ChainOf(reportBytes, parse.GetValue(certs), parse.GetValue(vcekDir), parse.GetValue(vcek), parse.GetValue(ask), parse.GetValue(ark));
                var verdict = chain.TryGet(out var c, out var chainError)
                    ? new SnpReportVerifier().Verify(reportBytes, c, policy)
                    : new AttestationVerdict(chainError, SnpReport.Parse(reportBytes).TryGet(out var parsed, out _) ? parsed : null, SnpProduct.Unknown, null, false);
                Print(output, verdict);
                return verdict.IsValid ? ExitCodes.Ok : ExitCodes.Invalid;
            }
            catch (IOException e)
            {
                return Usage(error, "cannot read input: " + e.Message);
            }
            catch (UnauthorizedAccessException e)
            {
                return Usage(error, "cannot read input: " + e.Message);
            }
        });
        return verify;
    }

    /// <summary>The chain from the certificate table, else the VCEK files, else the VCEK directory.</summary>
    private static Result<AttestationChain, AttestationError> ChainOf(byte[] report, FileInfo? certs, DirectoryInfo? vcekDir, FileInfo? vcek, FileInfo? ask, FileInfo? ark)
    {
        if (certs is not null)
        {
            var table = SevCertificateTable.Parse(File.ReadAllBytes(certs.FullName));
            if (!table.TryGet(out var parsed, out var tableError)) return Result<AttestationChain, AttestationError>.Fail(tableError);
            if (parsed.Entries.Length > 0 || vcekDir is null) return parsed.ToChain();
        }
        if (vcek is not null)
        {
            var others = new[] { ask, ark }.OfType<FileInfo>().Select(f => File.ReadAllBytes(f.FullName)).ToArray();
            return AttestationChain.FromEncoded(File.ReadAllBytes(vcek.FullName), others);
        }
        if (!SnpReport.Parse(report).TryGet(out var r, out var reportError)) return Result<AttestationChain, AttestationError>.Fail(reportError);
        return new VcekDirectory(vcekDir!.FullName).ChainFor(r);
    }

    private static void Print(TextWriter o, AttestationVerdict v)
    {
        if (v.Report is { } r)
        {
            var product = v.Product == SnpProduct.Unknown ? SnpProduct.Milan : v.Product;
            Line(o, "version", r.Version.ToString(CultureInfo.InvariantCulture));
            Line(o, "guest_svn", r.GuestSvn.ToString(CultureInfo.InvariantCulture));
            Line(o, "policy", r.Policy.ToString());
            Line(o, "family_id", Hex(r.FamilyId));
            Line(o, "image_id", Hex(r.ImageId));
            Line(o, "vmpl", r.Vmpl.ToString(CultureInfo.InvariantCulture));
            Line(o, "signature_algo", r.SignatureAlgo == SnpReport.EcdsaP384Sha384 ? "1 (ECDSA P-384 SHA-384)" : r.SignatureAlgo.ToString(CultureInfo.InvariantCulture));
            Line(o, "platform_info", "0x" + r.PlatformInfo.ToString("X", CultureInfo.InvariantCulture));
            Line(o, "key_info", $"author_key_en={r.KeyInfo & 1} mask_chip_id={(r.ChipIdMasked ? 1 : 0)} signing_key={(r.SigningKey == 0 ? "VCEK" : r.SigningKey == 1 ? "VLEK" : r.SigningKey.ToString(CultureInfo.InvariantCulture))}");
            Line(o, "report_data", Hex(r.ReportData));
            Line(o, "measurement", r.Measurement.ToString());
            Line(o, "host_data", Hex(r.HostData));
            Line(o, "id_key_digest", Hex(r.IdKeyDigest));
            Line(o, "author_key_digest", Hex(r.AuthorKeyDigest));
            Line(o, "report_id", Hex(r.ReportId));
            Line(o, "report_id_ma", Hex(r.ReportIdMa));
            Line(o, "product", v.Product.ToString());
            Line(o, "current_tcb", $"{r.CurrentTcb} ({r.CurrentTcb.Decode(product)})");
            Line(o, "reported_tcb", $"{r.ReportedTcb} ({r.ReportedTcb.Decode(product)})");
            Line(o, "committed_tcb", $"{r.CommittedTcb} ({r.CommittedTcb.Decode(product)})");
            Line(o, "launch_tcb", $"{r.LaunchTcb} ({r.LaunchTcb.Decode(product)})");
            if (r.Version >= 3) Line(o, "cpuid", $"family 0x{r.CpuidFamilyId:X2} model 0x{r.CpuidModelId:X2} stepping 0x{r.CpuidStepping:X2}");
            Line(o, "chip_id", Hex(r.ChipId));
            Line(o, "current_fw", $"{r.CurrentMajor}.{r.CurrentMinor}.{r.CurrentBuild}");
            Line(o, "committed_fw", $"{r.CommittedMajor}.{r.CommittedMinor}.{r.CommittedBuild}");
            if (r.Version >= 5)
            {
                Line(o, "launch_mit_vector", "0x" + r.LaunchMitVector.ToString("X", CultureInfo.InvariantCulture));
                Line(o, "current_mit_vector", "0x" + r.CurrentMitVector.ToString("X", CultureInfo.InvariantCulture));
            }
            Line(o, "signature_r", Hex(r.SignatureR));
            Line(o, "signature_s", Hex(r.SignatureS));
        }
        if (v.Vcek is { } e)
        {
            Line(o, "vcek_product", e.ProductName ?? "(none)");
            Line(o, "vcek_tcb", e.Tcb.ToString());
            Line(o, "vcek_hwid", Convert.ToHexStringLower(e.HardwareId.AsSpan()));
        }
        if (v.SimulatedRoot) Line(o, "root", "SIMULATED (not genuine AMD)");
        o.WriteLine("verdict: " + (v.IsValid ? "VALID" : $"INVALID ({v.Error!.Failure}: {v.Error.Detail})"));
    }

    private static void Line(TextWriter o, string name, string value) => o.WriteLine($"{name + ":",-20} {value}");

    private static string Hex(ImmutableArray<byte> bytes) => Convert.ToHexStringLower(bytes.AsSpan());

    private static bool TryHex(string hex, out byte[] bytes)
    {
        try { bytes = Convert.FromHexString(hex); return true; }
        catch (FormatException) { bytes = []; return false; }
    }

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine("error: " + message);
        return ExitCodes.Usage;
    }
}

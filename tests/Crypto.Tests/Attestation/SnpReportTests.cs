using CcTsa.Crypto.Attestation;
using CcTsa.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Attestation;

public sealed class SnpReportTests
{
    private static byte[] Virtee => Fixtures.Bytes("sev-snp/milan-virtee/report.bin");

    [Fact]
    public void Parse_milan_virtee_reads_every_field_at_its_offset()
    {
        var r = SnpReport.Parse(Virtee).Value;
        Assert.Equal(2u, r.Version);
        Assert.Equal(0x30000UL, r.Policy.Raw);
        Assert.False(r.Policy.DebugAllowed);
        Assert.True(r.Policy.SmtAllowed);
        Assert.Equal(SnpReport.EcdsaP384Sha384, r.SignatureAlgo);
        Assert.Equal(new TcbParts(3, 0, 8, 115), r.ReportedTcb.Decode(SnpProduct.Milan));
        Assert.Equal("d49554ec717f4e5b", Convert.ToHexStringLower(r.ChipId.AsSpan(0, 8)));
        Assert.Equal((byte)1, r.CurrentMajor);
        Assert.Equal((byte)0x34, r.CurrentMinor);
        Assert.Equal((byte)4, r.CurrentBuild);
        Assert.StartsWith("92b3b47d", Convert.ToHexStringLower(r.ReportId.AsSpan()), StringComparison.Ordinal);
        Assert.Equal(0x61, r.SignatureR[0]);
        Assert.Equal(0x20, r.SignatureS[0]);
    }

    [Theory]
    [InlineData("sev-snp/milan-virtee/report.bin")]
    [InlineData("sev-snp/milan-debug-policy/attestation.bin")]
    public void ToBytes_of_a_genuine_report_reproduces_it_byte_for_byte(string fixture)
    {
        var bytes = Fixtures.Bytes(fixture);
        Assert.Equal(bytes, SnpReport.Parse(bytes).Value.ToBytes());
    }

    [Fact]
    public void Parse_debug_fixture_decodes_the_debug_bit()
    {
        var r = SnpReport.Parse(Fixtures.Bytes("sev-snp/milan-debug-policy/attestation.bin")).Value;
        Assert.Equal(0xB0000UL, r.Policy.Raw);
        Assert.True(r.Policy.DebugAllowed);
        Assert.False(r.Policy.MigrationAgentAllowed);
    }

    [Property]
    public Property Parse_of_any_other_length_is_BadReportLength(byte[] bytes)
    {
        var parsed = SnpReport.Parse(bytes ?? []);
        return (bytes?.Length != SnpReport.Size && !parsed.IsOk && parsed.Error.Failure == AttestationFailure.BadReportLength)
            .When(bytes?.Length != SnpReport.Size);
    }

    [Property]
    public bool Parse_of_arbitrary_0x4A0_bytes_never_throws(byte[] seed, uint version)
    {
        var bytes = new byte[SnpReport.Size];
        (seed ?? []).AsSpan(0, Math.Min(seed?.Length ?? 0, bytes.Length)).CopyTo(bytes);
        BitConverter.TryWriteBytes(bytes, version % 7);
        var parsed = SnpReport.Parse(bytes);
        return parsed.IsOk ? parsed.Value.Version is 2 or 3 or 5 : parsed.Error.Failure == AttestationFailure.UnsupportedVersion;
    }

    [Property]
    public bool ToBytes_then_Parse_round_trips(ulong policy, ulong tcb, byte fam, uint svn, byte[] chip)
    {
        var chipId = new byte[64];
        (chip ?? []).AsSpan(0, Math.Min(64, chip?.Length ?? 0)).CopyTo(chipId);
        var report = new SnpReport
        {
            Version = 3, GuestSvn = svn, Policy = new GuestPolicy(policy), ReportedTcb = new TcbVersion(tcb),
            CpuidFamilyId = fam, ChipId = [.. chipId],
        };
        var bytes = report.ToBytes();
        return SnpReport.Parse(bytes).Value.ToBytes().AsSpan().SequenceEqual(bytes);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(4u)]
    [InlineData(6u)]
    public void Parse_of_unknown_version_is_UnsupportedVersion(uint version)
    {
        var bytes = Virtee;
        BitConverter.TryWriteBytes(bytes, version);
        Assert.Equal(AttestationFailure.UnsupportedVersion, SnpReport.Parse(bytes).Error.Failure);
    }

    [Fact]
    public void TcbVersion_Turin_layout_has_fmc_first()
    {
        var parts = new TcbParts(BootLoader: 2, Tee: 3, Snp: 4, Microcode: 5, Fmc: 1);
        var raw = parts.ToVersion(SnpProduct.Turin);
        Assert.Equal(0x0500000004030201UL, raw.Raw);
        Assert.Equal(parts, raw.Decode(SnpProduct.Turin));
        Assert.Equal(new TcbParts(1, 2, 0, 5), raw.Decode(SnpProduct.Milan));
    }

    [Fact]
    public void TcbParts_parse_and_compare_per_component()
    {
        Assert.True(TcbParts.TryParse("bl=3,tee=0,snp=8,ucode=115", out var min, out _));
        Assert.True(new TcbParts(3, 0, 8, 115).IsAtLeast(min));
        Assert.False(new TcbParts(9, 9, 7, 255).IsAtLeast(min));
        Assert.False(TcbParts.TryParse("bl=300", out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TcbParts_TryParseDotted_reads_bl_tee_snp_ucode()
    {
        Assert.True(TcbParts.TryParseDotted("3.0.20.209", out var tcb, out var error), error);
        Assert.Equal(new TcbParts(3, 0, 20, 209), tcb);
        Assert.Equal(SimulatedAmdRoot.SimulatedTcb, tcb);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3.0.20")]
    [InlineData("3.0.20.209.1")]
    [InlineData("3.0.x.209")]
    [InlineData("3.0.+20.209")]
    [InlineData("3.0.20.1000")]
    public void TcbParts_TryParseDotted_refuses_other_forms_with_a_reason(string? text)
    {
        Assert.False(TcbParts.TryParseDotted(text, out _, out var error));
        Assert.Contains("BL.TEE.SNP.UCODE", error, StringComparison.Ordinal);
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool TcbParts_TryParseDotted_round_trips_any_four_bytes(byte bl, byte tee, byte snp, byte ucode) =>
        TcbParts.TryParseDotted($"{bl}.{tee}.{snp}.{ucode}", out var tcb, out _) && tcb == new TcbParts(bl, tee, snp, ucode);
}

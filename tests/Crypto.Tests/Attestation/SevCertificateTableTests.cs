using System.Buffers.Binary;
using CcTsa.Crypto.Attestation;
using CcTsa.Testing;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Attestation;

/// <summary>The host's certificate table (auxblob / SNP_GET_EXT_REPORT), from the genuine fixtures.</summary>
public sealed class SevCertificateTableTests
{
    [Fact]
    public void Guids_are_the_GHCB_ones_and_go_on_the_wire_in_written_order()
    {
        Assert.Equal(new Guid("c0b406a4-a803-4952-9743-3fb6014cd0ae"), SevCertificateEntry.ArkGuid);
        Assert.Equal(new Guid("4ab7b379-bbac-4fe4-a02f-05aef327c782"), SevCertificateEntry.AskGuid);
        Assert.Equal(new Guid("63da758d-e664-4564-adc5-f4b93be8accd"), SevCertificateEntry.VcekGuid);
        Assert.Equal(new Guid("a8074bc2-a25a-483e-aae6-39c045a0b8a1"), SevCertificateEntry.VlekGuid);
        var table = GenuineEvidence.VirteeTable();
        Assert.Equal("63da758de6644564adc5f4b93be8accd", Convert.ToHexStringLower(table.AsSpan(0, 16)));
        Assert.Equal("4ab7b379bbac4fe4a02f05aef327c782", Convert.ToHexStringLower(table.AsSpan(24, 16)));
        Assert.Equal("c0b406a4a80349529743" + "3fb6014cd0ae", Convert.ToHexStringLower(table.AsSpan(48, 16)));
        Assert.False(table.AsSpan(72, 24).ContainsAnyExcept((byte)0)); // the terminator
    }

    [Fact]
    public void Parse_of_the_fixture_table_gives_back_each_certificate_by_kind()
    {
        var vcek = Fixtures.Bytes("sev-snp/milan-virtee/vcek.der");
        var parsed = SevCertificateTable.Parse(GenuineEvidence.VirteeTable()).Value;
        Assert.Equal([SevCertificateKind.Vcek, SevCertificateKind.Ask, SevCertificateKind.Ark], parsed.Entries.Select(e => e.Kind));
        Assert.Equal(vcek, parsed.Find(SevCertificateKind.Vcek)!.Certificate.ToArray());
    }

    [Fact]
    public void A_page_padded_table_parses_and_the_chain_verifies_to_the_Milan_root()
    {
        var table = GenuineEvidence.VirteeTable();
        Array.Resize(ref table, 16384); // the kernel hands back whole pages
        var chain = AttestationChain.FromCertificateTable(table).Value;
        var verdict = new SnpReportVerifier().Verify(GenuineEvidence.VirteeReport, chain, new AttestationPolicy());
        Assert.True(verdict.IsValid, verdict.ToString());
        Assert.Equal(SnpProduct.Milan, verdict.Product);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(24)]
    [InlineData(4096)]
    public void An_empty_or_all_zero_buffer_is_an_empty_table(int size)
    {
        Assert.Empty(SevCertificateTable.Parse(new byte[size]).Value.Entries);
        var e = AttestationChain.FromCertificateTable(new byte[size]).Error;
        Assert.Equal(AttestationFailure.BadCertificateTable, e.Failure);
        Assert.Contains("neither a VCEK nor a VLEK", e.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cut", "runs past the end")]
    [InlineData("offset-in-header", "inside the")]
    [InlineData("past-end", "past the end of the")]
    [InlineData("zero-length", "has length 0")]
    [InlineData("repeated", "repeats GUID")]
    [InlineData("zero-guid", "zero GUID")]
    public void Each_malformation_is_BadCertificateTable_naming_the_fault(string fault, string expected)
    {
        var table = Malformed(fault);
        var e = SevCertificateTable.Parse(table).Error;
        Assert.Equal(AttestationFailure.BadCertificateTable, e.Failure);
        Assert.Contains(expected, e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_with_both_VCEK_and_VLEK_is_refused()
    {
        var vcek = Fixtures.Bytes("sev-snp/milan-virtee/vcek.der");
        var table = new SevCertificateTable([SevCertificateEntry.Of(SevCertificateKind.Vcek, vcek), SevCertificateEntry.Of(SevCertificateKind.Vlek, vcek)]).ToBytes();
        Assert.Contains("both a VCEK and a VLEK", AttestationChain.FromCertificateTable(table).Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_GUIDs_are_kept_as_Other()
    {
        var crl = new Guid("92f81bc3-5811-4d3d-97ff-d19f88dc67ea");
        var vcek = Fixtures.Bytes("sev-snp/milan-virtee/vcek.der");
        var table = new SevCertificateTable([SevCertificateEntry.Of(SevCertificateKind.Vcek, vcek), new SevCertificateEntry(crl, SevCertificateKind.Other, [1, 2, 3])]).ToBytes();
        var parsed = SevCertificateTable.Parse(table).Value;
        Assert.Equal(SevCertificateKind.Other, parsed.Entries[1].Kind);
        Assert.Equal(crl, parsed.Entries[1].Guid);
        Assert.True(AttestationChain.FromCertificateTable(table).IsOk);
    }

    [Fact]
    public void A_VCEK_signed_report_offered_with_the_VCEK_filed_as_a_VLEK_is_EndorsementKeyKindMismatch()
    {
        var vcek = Fixtures.Bytes("sev-snp/milan-virtee/vcek.der");
        var table = new SevCertificateTable([SevCertificateEntry.Of(SevCertificateKind.Vlek, vcek)]).ToBytes();
        var chain = AttestationChain.FromCertificateTable(table).Value;
        Assert.Equal(EndorsementKind.Vlek, chain.Endorsement);
        var verdict = new SnpReportVerifier().Verify(GenuineEvidence.VirteeReport, chain, new AttestationPolicy());
        Assert.Equal(AttestationFailure.EndorsementKeyKindMismatch, verdict.Failure);
    }

    [Fact]
    public void FromEncoded_takes_a_key_without_hardware_id_for_a_VLEK()
    {
        Assert.Equal(EndorsementKind.Vcek, AttestationChain.FromEncoded(Fixtures.Bytes("sev-snp/milan-virtee/vcek.der")).Value.Endorsement);
        // AMD's ASK has no hardware-id extension: offered as the endorsement key it reads as a VLEK
        var chain = AttestationChain.FromEncoded(Fixtures.Bytes("sev-snp/amd-roots/milan-ask.pem")).Value;
        Assert.Equal(EndorsementKind.Vlek, chain.Endorsement);
        Assert.Equal(AttestationFailure.EndorsementKeyKindMismatch,
            new SnpReportVerifier().Verify(GenuineEvidence.VirteeReport, chain, new AttestationPolicy()).Failure);
    }

    /// <summary>Random mutations of a genuine table: never a crash, and anything accepted stays inside the buffer.</summary>
    [Property(MaxTest = 500)]
    public bool Mutated_tables_parse_or_fail_as_BadCertificateTable(int seed, byte value, ushort position, byte mode)
    {
        var table = GenuineEvidence.VirteeTable();
        var at = position % table.Length;
        switch (mode % 4)
        {
            case 0: table[at] = value; break;
            case 1: table = table[..at]; break;
            case 2: table[at % 96] ^= (byte)(1 << (seed & 7)); break; // the entries, where it matters most
            default: BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan((at % 3) * 24 + 16 + (seed & 1) * 4), (uint)seed); break;
        }
        var result = SevCertificateTable.Parse(table);
        if (!result.IsOk) return result.Error.Failure == AttestationFailure.BadCertificateTable && result.Error.Detail.Length > 0;
        return result.Value.Entries.All(e => e.Certificate.Length is > 0 && e.Certificate.Length <= table.Length);
    }

    private static byte[] Malformed(string fault)
    {
        var table = GenuineEvidence.VirteeTable();
        switch (fault)
        {
            case "cut": return table[..20];
            case "offset-in-header": BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(24 + 16), 48); return table;
            case "past-end": BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(20), (uint)table.Length); return table;
            case "zero-length": BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(20), 0); return table;
            case "repeated": table.AsSpan(0, 16).CopyTo(table.AsSpan(24)); return table;
            case "zero-guid": table.AsSpan(0, 16).Clear(); return table;
            default: throw new ArgumentException("unknown fault " + fault, nameof(fault));
        }
    }
}

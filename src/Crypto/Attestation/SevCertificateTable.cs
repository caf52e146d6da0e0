using System.Buffers.Binary;
using System.Collections.Immutable;
using CcTsa.Crypto.Common;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// The SEV certificate table that comes with an extended report (configfs-tsm <c>auxblob</c>,
/// SNP_GET_EXT_REPORT's certificate buffer; GHCB specification): 24-byte entries
/// {GUID (16 bytes, in the order its text is written, as uuid_parse gives it), offset u32 LE,
/// length u32 LE} ending with an all-zero entry, then the certificates at their offsets (from the
/// start of the table). The buffer may be padded with zeros to a page multiple.
/// Parsing is pure and never throws on bad input: each malformation is its own error text.
/// </summary>
public sealed record SevCertificateTable(ImmutableArray<SevCertificateEntry> Entries)
{
    public const int EntrySize = 24;

    /// <summary>The first entry of <paramref name="kind"/>, or null.</summary>
    public SevCertificateEntry? Find(SevCertificateKind kind) => Entries.FirstOrDefault(e => e.Kind == kind);

    /// <summary>Parses a table; an empty buffer or one that starts with the terminator is an empty table.</summary>
    public static Result<SevCertificateTable, AttestationError> Parse(ReadOnlySpan<byte> blob)
    {
        var entries = ImmutableArray.CreateBuilder<SevCertificateEntry>();
        var seen = new HashSet<Guid>();
        for (var at = 0; ; at += EntrySize)
        {
            if (blob.Length == 0 && at == 0) break;
            if (at + EntrySize > blob.Length)
                return Bad($"entry {entries.Count} at byte {at} runs past the end of the {blob.Length}-byte table (no all-zero terminator)");
            var raw = blob.Slice(at, EntrySize);
            if (!raw.ContainsAnyExcept((byte)0)) break;
            var guid = new Guid(raw[..16], bigEndian: true);
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(raw[16..]);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(raw[20..]);
            var index = entries.Count;
            if (guid == Guid.Empty)
                return Bad($"entry {index} has a zero GUID but a non-zero offset or length");
            var headerEnd = (ulong)at + 2 * EntrySize; // this entry and at least the terminator precede any certificate
            if (length == 0)
                return Bad($"entry {index} ({guid}) has length 0");
            if (offset < headerEnd)
                return Bad($"entry {index} ({guid}) points at offset {offset}, inside the table of entries");
            if ((ulong)offset + length > (ulong)blob.Length)
                return Bad($"entry {index} ({guid}) spans {offset}+{length}, past the end of the {blob.Length}-byte table");
            if (!seen.Add(guid))
                return Bad($"entry {index} repeats GUID {guid}");
            entries.Add(new SevCertificateEntry(guid, SevCertificateEntry.KindOf(guid), blob.Slice((int)offset, (int)length).ToImmutableArray()));
        }
        // offsets were checked against the entries read so far; the whole list (with its terminator) is only known now
        var tableEnd = (entries.Count + 1) * EntrySize;
        var offsets = ReadOffsets(blob, entries.Count);
        for (var i = 0; i < offsets.Length; i++)
        {
            if (offsets[i] < tableEnd)
                return Bad($"entry {i} ({entries[i].Guid}) points at offset {offsets[i]}, inside the {tableEnd}-byte table of entries");
        }
        return new SevCertificateTable(entries.ToImmutable());
    }

    /// <summary>Encodes the table: entries, the terminator, then each certificate in order.</summary>
    public byte[] ToBytes()
    {
        var header = (Entries.Length + 1) * EntrySize;
        var blob = new byte[header + Entries.Sum(e => e.Certificate.Length)];
        var offset = header;
        for (var i = 0; i < Entries.Length; i++)
        {
            var e = Entries[i];
            var slot = blob.AsSpan(i * EntrySize, EntrySize);
            if (!e.Guid.TryWriteBytes(slot[..16], bigEndian: true, out _))
                throw new InvalidOperationException("A GUID is 16 bytes.");
            BinaryPrimitives.WriteUInt32LittleEndian(slot[16..], (uint)offset);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[20..], (uint)e.Certificate.Length);
            e.Certificate.AsSpan().CopyTo(blob.AsSpan(offset));
            offset += e.Certificate.Length;
        }
        return blob;
    }

    /// <summary>
    /// The chain the table carries: the VCEK or the VLEK (exactly one of them), and ASK/ARK when
    /// present (absent ones are taken from the shipped AMD roots by the verifier).
    /// </summary>
    public Result<AttestationChain, AttestationError> ToChain()
    {
        var vcek = Find(SevCertificateKind.Vcek);
        var vlek = Find(SevCertificateKind.Vlek);
        if (vcek is null && vlek is null)
            return Result<AttestationChain, AttestationError>.Fail(new AttestationError(AttestationFailure.BadCertificateTable, "the certificate table holds neither a VCEK nor a VLEK"));
        if (vcek is not null && vlek is not null)
            return Result<AttestationChain, AttestationError>.Fail(new AttestationError(AttestationFailure.BadCertificateTable, "the certificate table holds both a VCEK and a VLEK"));
        var key = vcek ?? vlek!;
        return new AttestationChain(key.Certificate, Find(SevCertificateKind.Ask)?.Certificate, Find(SevCertificateKind.Ark)?.Certificate)
        {
            Endorsement = key.Kind == SevCertificateKind.Vlek ? EndorsementKind.Vlek : EndorsementKind.Vcek,
        };
    }

    private static uint[] ReadOffsets(ReadOnlySpan<byte> blob, int count)
    {
        var offsets = new uint[count];
        for (var i = 0; i < count; i++) offsets[i] = BinaryPrimitives.ReadUInt32LittleEndian(blob[(i * EntrySize + 16)..]);
        return offsets;
    }

    private static Result<SevCertificateTable, AttestationError> Bad(string detail) =>
        Result<SevCertificateTable, AttestationError>.Fail(new AttestationError(AttestationFailure.BadCertificateTable, detail));
}

using System.Buffers.Binary;
using System.Collections.Immutable;
using CcTsa.Crypto.Common;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// An SEV-SNP ATTESTATION_REPORT (AMD SEV-SNP ABI specification, "ATTESTATION_REPORT Structure"):
/// 0x4A0 bytes, little-endian. The signature covers bytes 0x000..0x29F; R and S are 72-byte
/// little-endian integers at 0x2A0 and 0x2E8. Version 3 added the CPUID family/model/stepping at
/// 0x188; version 5 added the mitigation vectors at 0x1F8/0x200. Parsing and writing live here so
/// the simulated platform produces byte-for-byte the genuine layout.
/// </summary>
public sealed record SnpReport
{
    public const int Size = 0x4A0;
    public const int SignedSize = 0x2A0;
    public const int SignatureComponentSize = 72;
    /// <summary>SIGNATURE_ALGO 1: ECDSA P-384 with SHA-384.</summary>
    public const uint EcdsaP384Sha384 = 1;

    public uint Version { get; init; } = 2;
    public uint GuestSvn { get; init; }
    public GuestPolicy Policy { get; init; } = GuestPolicy.Default;
    public ImmutableArray<byte> FamilyId { get; init; } = Zero(16);
    public ImmutableArray<byte> ImageId { get; init; } = Zero(16);
    public uint Vmpl { get; init; }
    public uint SignatureAlgo { get; init; } = EcdsaP384Sha384;
    public TcbVersion CurrentTcb { get; init; }
    public ulong PlatformInfo { get; init; }
    /// <summary>Bit 0 AUTHOR_KEY_EN, bit 1 MASK_CHIP_KEY, bits 2–4 SIGNING_KEY (0 = VCEK, 1 = VLEK).</summary>
    public uint KeyInfo { get; init; }
    public ImmutableArray<byte> ReportData { get; init; } = Zero(64);
    public Measurement Measurement { get; init; } = Measurement.FromBytes(new byte[Measurement.Size]);
    public ImmutableArray<byte> HostData { get; init; } = Zero(32);
    public ImmutableArray<byte> IdKeyDigest { get; init; } = Zero(48);
    public ImmutableArray<byte> AuthorKeyDigest { get; init; } = Zero(48);
    public ImmutableArray<byte> ReportId { get; init; } = Zero(32);
    public ImmutableArray<byte> ReportIdMa { get; init; } = Zero(32);
    public TcbVersion ReportedTcb { get; init; }
    /// <summary>CPUID family / model / stepping (version 3 and later; zero before).</summary>
    public byte CpuidFamilyId { get; init; }
    public byte CpuidModelId { get; init; }
    public byte CpuidStepping { get; init; }
    public ImmutableArray<byte> ChipId { get; init; } = Zero(64);
    public TcbVersion CommittedTcb { get; init; }
    public byte CurrentBuild { get; init; }
    public byte CurrentMinor { get; init; }
    public byte CurrentMajor { get; init; }
    public byte CommittedBuild { get; init; }
    public byte CommittedMinor { get; init; }
    public byte CommittedMajor { get; init; }
    public TcbVersion LaunchTcb { get; init; }
    /// <summary>Launch / current mitigation vectors (version 5 and later; zero before).</summary>
    public ulong LaunchMitVector { get; init; }
    public ulong CurrentMitVector { get; init; }
    public ImmutableArray<byte> SignatureR { get; init; } = Zero(SignatureComponentSize);
    public ImmutableArray<byte> SignatureS { get; init; } = Zero(SignatureComponentSize);

    /// <summary>MASK_CHIP_ID: the firmware zeroed CHIP_ID, so it cannot be tied to a VCEK.</summary>
    public bool ChipIdMasked => (KeyInfo & 2) != 0;

    /// <summary>SIGNING_KEY: 0 = VCEK, 1 = VLEK, 7 = none.</summary>
    public uint SigningKey => (KeyInfo >> 2) & 7;

    /// <summary>Parses exactly <see cref="Size"/> bytes; any other length or version is an error value.</summary>
    public static Result<SnpReport, AttestationError> Parse(ReadOnlySpan<byte> b)
    {
        if (b.Length != Size)
            return Result<SnpReport, AttestationError>.Fail(new AttestationError(AttestationFailure.BadReportLength, $"report is {b.Length} bytes, expected {Size} (0x4A0)"));
        var version = U32(b, 0x00);
        if (version is not (2 or 3 or 5))
            return Result<SnpReport, AttestationError>.Fail(new AttestationError(AttestationFailure.UnsupportedVersion, $"report version {version} is not supported (2, 3, 5)"));
        var v3 = version >= 3;
        var v5 = version >= 5;
        return new SnpReport
        {
            Version = version,
            GuestSvn = U32(b, 0x04),
            Policy = new GuestPolicy(U64(b, 0x08)),
            FamilyId = Bytes(b, 0x10, 16),
            ImageId = Bytes(b, 0x20, 16),
            Vmpl = U32(b, 0x30),
            SignatureAlgo = U32(b, 0x34),
            CurrentTcb = new TcbVersion(U64(b, 0x38)),
            PlatformInfo = U64(b, 0x40),
            KeyInfo = U32(b, 0x48),
            ReportData = Bytes(b, 0x50, 64),
            Measurement = Measurement.FromBytes(b.Slice(0x90, 48)),
            HostData = Bytes(b, 0xC0, 32),
            IdKeyDigest = Bytes(b, 0xE0, 48),
            AuthorKeyDigest = Bytes(b, 0x110, 48),
            ReportId = Bytes(b, 0x140, 32),
            ReportIdMa = Bytes(b, 0x160, 32),
            ReportedTcb = new TcbVersion(U64(b, 0x180)),
            CpuidFamilyId = v3 ? b[0x188] : (byte)0,
            CpuidModelId = v3 ? b[0x189] : (byte)0,
            CpuidStepping = v3 ? b[0x18A] : (byte)0,
            ChipId = Bytes(b, 0x1A0, 64),
            CommittedTcb = new TcbVersion(U64(b, 0x1E0)),
            CurrentBuild = b[0x1E8],
            CurrentMinor = b[0x1E9],
            CurrentMajor = b[0x1EA],
            CommittedBuild = b[0x1EC],
            CommittedMinor = b[0x1ED],
            CommittedMajor = b[0x1EE],
            LaunchTcb = new TcbVersion(U64(b, 0x1F0)),
            LaunchMitVector = v5 ? U64(b, 0x1F8) : 0,
            CurrentMitVector = v5 ? U64(b, 0x200) : 0,
            SignatureR = Bytes(b, 0x2A0, SignatureComponentSize),
            SignatureS = Bytes(b, 0x2E8, SignatureComponentSize),
        };
    }

    /// <summary>Writes the genuine 0x4A0-byte layout; reserved areas are zero.</summary>
    public byte[] ToBytes()
    {
        var b = new byte[Size];
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(0x00), Version);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(0x04), GuestSvn);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(0x08), Policy.Raw);
        Put(b, 0x10, FamilyId, 16);
        Put(b, 0x20, ImageId, 16);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(0x30), Vmpl);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(0x34), SignatureAlgo);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(0x38), CurrentTcb.Raw);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(0x40), PlatformInfo);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(0x48), KeyInfo);
        Put(b, 0x50, ReportData, 64);
        Measurement.Bytes.CopyTo(b.AsSpan(0x90));
        Put(b, 0xC0, HostData, 32);
        Put(b, 0xE0, IdKeyDigest, 48);
        Put(b, 0x110, AuthorKeyDigest, 48);
        Put(b, 0x140, ReportId, 32);
        Put(b, 0x160, ReportIdMa, 32);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(0x180), ReportedTcb.Raw);
        if (Version >= 3) { b[0x188] = CpuidFamilyId; b[0x189] = CpuidModelId; b[0x18A] = CpuidStepping; }
        Put(b, 0x1A0, ChipId, 64);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(0x1E0), CommittedTcb.Raw);
        (b[0x1E8], b[0x1E9], b[0x1EA]) = (CurrentBuild, CurrentMinor, CurrentMajor);
        (b[0x1EC], b[0x1ED], b[0x1EE]) = (CommittedBuild, CommittedMinor, CommittedMajor);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(0x1F0), LaunchTcb.Raw);
        if (Version >= 5)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(0x1F8), LaunchMitVector);
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(0x200), CurrentMitVector);
        }
        Put(b, 0x2A0, SignatureR, SignatureComponentSize);
        Put(b, 0x2E8, SignatureS, SignatureComponentSize);
        return b;
    }

    /// <summary>The bytes the VCEK signs: 0x000..0x29F of the encoded report.</summary>
    public byte[] SignedBytes() => ToBytes().AsSpan(0, SignedSize).ToArray();

    private static ImmutableArray<byte> Zero(int n) => ImmutableArray.Create(new byte[n]);

    private static ImmutableArray<byte> Bytes(ReadOnlySpan<byte> b, int offset, int n) => b.Slice(offset, n).ToImmutableArray();

    private static uint U32(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(b[offset..]);

    private static ulong U64(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(b[offset..]);

    private static void Put(byte[] b, int offset, ImmutableArray<byte> value, int n)
    {
        if (value.IsDefault) return;
        if (value.Length != n)
            throw new InvalidOperationException($"SNP report field at 0x{offset:X} must be {n} bytes, got {value.Length}.");
        value.AsSpan().CopyTo(b.AsSpan(offset));
    }
}

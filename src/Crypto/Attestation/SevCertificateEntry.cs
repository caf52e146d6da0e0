using System.Collections.Immutable;

namespace CcTsa.Crypto.Attestation;

/// <summary>One certificate of a SEV certificate table: its GUID, the kind that GUID names, and the bytes (DER).</summary>
public sealed record SevCertificateEntry(Guid Guid, SevCertificateKind Kind, ImmutableArray<byte> Certificate)
{
    public static readonly Guid ArkGuid = new("c0b406a4-a803-4952-9743-3fb6014cd0ae");
    public static readonly Guid AskGuid = new("4ab7b379-bbac-4fe4-a02f-05aef327c782");
    public static readonly Guid VcekGuid = new("63da758d-e664-4564-adc5-f4b93be8accd");
    public static readonly Guid VlekGuid = new("a8074bc2-a25a-483e-aae6-39c045a0b8a1");

    public static SevCertificateEntry Of(SevCertificateKind kind, ReadOnlySpan<byte> der) => kind switch
    {
        SevCertificateKind.Ark => new(ArkGuid, kind, [.. der]),
        SevCertificateKind.Ask => new(AskGuid, kind, [.. der]),
        SevCertificateKind.Vcek => new(VcekGuid, kind, [.. der]),
        SevCertificateKind.Vlek => new(VlekGuid, kind, [.. der]),
        _ => throw new ArgumentException("An entry of kind Other needs its own GUID.", nameof(kind)),
    };

    public static SevCertificateKind KindOf(Guid guid) =>
        guid == ArkGuid ? SevCertificateKind.Ark
        : guid == AskGuid ? SevCertificateKind.Ask
        : guid == VcekGuid ? SevCertificateKind.Vcek
        : guid == VlekGuid ? SevCertificateKind.Vlek
        : SevCertificateKind.Other;
}

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// What an entry of the SEV certificate table holds, by its GUID (GHCB specification, "SNP Extended
/// Guest Request"; the same GUIDs virtee/sev and the Linux sev-guest tools use). Entries with other
/// GUIDs (a CRL, vendor extensions) are kept as <see cref="Other"/> rather than dropped.
/// </summary>
public enum SevCertificateKind
{
    Other = 0,
    /// <summary>AMD Root Key, c0b406a4-a803-4952-9743-3fb6014cd0ae.</summary>
    Ark,
    /// <summary>AMD SEV Key (or ASVK for a VLEK), 4ab7b379-bbac-4fe4-a02f-05aef327c782.</summary>
    Ask,
    /// <summary>Versioned Chip Endorsement Key, 63da758d-e664-4564-adc5-f4b93be8accd.</summary>
    Vcek,
    /// <summary>Versioned Loaded Endorsement Key (issued to a cloud provider), a8074bc2-a25a-483e-aae6-39c045a0b8a1.</summary>
    Vlek,
}

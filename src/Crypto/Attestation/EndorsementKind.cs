namespace CcTsa.Crypto.Attestation;

/// <summary>
/// Which key signed a report (the report's KEY_INFO.SIGNING_KEY): the chip's own VCEK, or a VLEK that
/// AMD issued to a cloud provider (signed by the ASVK instead of the ASK; it carries no hardware id).
/// </summary>
public enum EndorsementKind
{
    Vcek = 0,
    Vlek = 1,
}

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// AMD EPYC generation that produced a report. It decides the TCB_VERSION layout (Turin adds an FMC
/// field and moves the others) and which AMD root the VCEK must chain to.
/// </summary>
public enum SnpProduct
{
    Unknown = 0,
    Milan,
    Genoa,
    Turin,
}

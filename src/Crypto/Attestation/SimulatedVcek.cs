using System.Collections.Immutable;
using Org.BouncyCastle.Crypto.Parameters;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// One simulated chip's VCEK: its certificate (public) and its P-384 signing key (secret — the
/// simulated firmware's). Held by one SimulatedPlatform; the key has no accessor.
/// </summary>
public sealed class SimulatedVcek : IDisposable
{
    private ECPrivateKeyParameters? _key;

    internal SimulatedVcek(byte[] certificateDer, ECPrivateKeyParameters key, ImmutableArray<byte> chipId, TcbParts tcb)
    {
        CertificateDer = [.. certificateDer];
        _key = key;
        ChipId = chipId;
        Tcb = tcb;
    }

    public ImmutableArray<byte> CertificateDer { get; }

    public ImmutableArray<byte> ChipId { get; }

    /// <summary>The TCB the VCEK was issued for (what REPORTED_TCB of a genuine report equals).</summary>
    public TcbParts Tcb { get; }

    /// <summary>Signs bytes 0..0x29F of <paramref name="unsigned"/> as the SNP firmware does.</summary>
    public SnpReport Sign(SnpReport unsigned)
    {
        ArgumentNullException.ThrowIfNull(unsigned);
        var key = _key ?? throw new ObjectDisposedException(nameof(SimulatedVcek));
        return AmdSignatures.SignReport(unsigned, key);
    }

    public void Dispose() => _key = null;

    public override string ToString() => "SimulatedVcek([redacted])";
}

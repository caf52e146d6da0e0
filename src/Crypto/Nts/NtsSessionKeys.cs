using System.Security.Cryptography;

namespace CcTsa.Crypto.Nts;

/// <summary>
/// The two AEAD keys exported from the NTS-KE TLS session (RFC 8915 §5.1): client-to-server for
/// requests, server-to-client for responses. Wiped on dispose; never printed.
/// </summary>
public sealed class NtsSessionKeys : IDisposable
{
    private readonly byte[] _c2s;
    private readonly byte[] _s2c;

    public NtsSessionKeys(byte[] c2s, byte[] s2c)
    {
        if (c2s.Length != AesSivCmac256.KeySize || s2c.Length != AesSivCmac256.KeySize)
            throw new ArgumentException($"NTS keys must be {AesSivCmac256.KeySize} bytes each.");
        _c2s = c2s;
        _s2c = s2c;
    }

    internal ReadOnlySpan<byte> ClientToServer => _c2s;

    internal ReadOnlySpan<byte> ServerToClient => _s2c;

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_c2s);
        CryptographicOperations.ZeroMemory(_s2c);
    }

    public override string ToString() => nameof(NtsSessionKeys);
}

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using CcTsa.Crypto.Pki;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The CA certificate a node trusts to issue epoch TSA certificates, fixed for the node's
/// lifetime: given at start (PEM file or in-process DER), or pinned on first install.
/// </summary>
public sealed record TsaCaPin
{
    private TsaCaPin(byte[] der) => Der = [.. der];

    /// <summary>The CA certificate (DER).</summary>
    public ImmutableArray<byte> Der { get; }

    public static TsaCaPin FromDer(ReadOnlySpan<byte> der) =>
        der.IsEmpty ? throw new ArgumentException("empty CA certificate", nameof(der)) : new TsaCaPin(der.ToArray());

    /// <summary>Reads the first CERTIFICATE block of a PEM text.</summary>
    public static bool TryFromPem(string pem, [NotNullWhen(true)] out TsaCaPin? pin)
    {
        pin = Pem.TryDecode(pem, Pem.Certificate, out var der) && der.Length > 0 ? new TsaCaPin(der) : null;
        return pin is not null;
    }

    public bool Equals(TsaCaPin? other) => other is not null && Der.AsSpan().SequenceEqual(other.Der.AsSpan());

    public override int GetHashCode() => Der.Length;
}

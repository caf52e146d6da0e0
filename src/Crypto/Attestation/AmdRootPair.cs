using Org.BouncyCastle.X509;

namespace CcTsa.Crypto.Attestation;

/// <summary>One trusted ARK with its ASK, for one product.</summary>
internal sealed record AmdRootPair(SnpProduct Product, X509Certificate Ark, X509Certificate Ask, bool Simulated);

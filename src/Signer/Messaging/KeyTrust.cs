namespace CcTsa.Signer.Messaging;

/// <summary>Where the key that must have signed a protocol message comes from (see <see cref="ProtocolKind"/>).</summary>
internal enum KeyTrust
{
    Attested,
    Bootstrap,
    SelfCertified,
}

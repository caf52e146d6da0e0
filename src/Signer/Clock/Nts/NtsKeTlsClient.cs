using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CcTsa.Crypto.Nts;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace CcTsa.Signer.Clock.Nts;

/// <summary>
/// The TLS side of NTS-KE on BouncyCastle's TLS API: TLS 1.3 only, ALPN "ntske/1", SNI for DNS
/// names, the server certificate checked by <see cref="NtsTrust"/>, and the two AEAD keys taken
/// from the TLS exporter once the handshake completes (.NET's SslStream has no exporter).
/// </summary>
internal sealed class NtsKeTlsClient(string host, NtsTrust trust) : DefaultTlsClient(new BcTlsCrypto(new SecureRandom()))
{
    /// <summary>Why the certificate was refused, when it was; tells that alert apart from other TLS failures.</summary>
    public string? CertificateProblem { get; private set; }

    public bool AlpnAgreed { get; private set; }

    public NtsSessionKeys? Keys { get; private set; }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.TLSv13.Only();

    protected override IList<ProtocolName> GetProtocolNames() => [ProtocolName.AsUtf8Encoding(NtsKeRequest.Alpn)];

    protected override IList<ServerName>? GetSniServerNames() =>
        IPAddress.TryParse(host, out _) ? null : [new ServerName(NameType.host_name, Encoding.ASCII.GetBytes(host))];

    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        var alpn = m_context.SecurityParameters.ApplicationProtocol;
        AlpnAgreed = alpn is not null && alpn.GetUtf8Decoding() == NtsKeRequest.Alpn;
        if (!AlpnAgreed) return;
        Keys = new NtsSessionKeys(
            m_context.ExportKeyingMaterial(NtsKeRequest.ExporterLabel, NtsKeRequest.ExporterContext(serverToClient: false), AesSivCmac256.KeySize),
            m_context.ExportKeyingMaterial(NtsKeRequest.ExporterLabel, NtsKeRequest.ExporterContext(serverToClient: true), AesSivCmac256.KeySize));
    }

    private sealed class Authentication(NtsKeTlsClient owner) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
            var chain = new List<X509Certificate2>();
            var certificate = serverCertificate.Certificate;
            for (var i = 0; i < certificate.Length; i++)
                chain.Add(X509CertificateLoader.LoadCertificate(certificate.GetCertificateAt(i).GetEncoded()));
            try
            {
                owner.CertificateProblem = owner.Trust.Check(chain, owner.Host);
            }
            finally
            {
                foreach (var c in chain) c.Dispose();
            }
            if (owner.CertificateProblem is not null) throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }

        public TlsCredentials? GetClientCredentials(Org.BouncyCastle.Tls.CertificateRequest certificateRequest) => null;
    }

    private string Host => host;

    private NtsTrust Trust => trust;
}

using System.Collections.Immutable;
using System.Security.Cryptography;
using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Tests.Tsa;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Pki;

/// <summary>A CertificateService over a temporary data directory, a test group key and an in-memory journal.</summary>
public sealed class PkiFixture : IDisposable
{
    public PkiFixture(bool externalCa = false)
    {
        Data = Directory.CreateTempSubdirectory("cctsa-pki-").FullName;
        Layout = new PkiLayout(Data);
        Options = new PkiOptions { DataDirectory = Data, ExternalCa = externalCa };
        var installer = new CertificateInstaller(Layout, Journal, TimeProvider.System, NullLogger<CertificateInstaller>.Instance);
        Service = new CertificateService(Layout, new CaStore(Layout, TimeProvider.System), Keys, Journal, installer, Options, TimeProvider.System, NullLogger<CertificateService>.Instance);
    }

    public static ImmutableArray<byte> Measurement { get; } = [.. SHA384.HashData("signer image"u8)];

    public string Data { get; }

    public PkiLayout Layout { get; }

    public PkiOptions Options { get; }

    public EpochKeys Keys { get; } = new();

    /// <summary>The group key of epoch 1.</summary>
    public TestGroupKey Key => Keys.For(1);

    public InMemoryCertificateJournal Journal { get; } = new();

    public CertificateService Service { get; }

    public void Dispose()
    {
        Keys.Dispose();
        Directory.Delete(Data, recursive: true);
    }
}

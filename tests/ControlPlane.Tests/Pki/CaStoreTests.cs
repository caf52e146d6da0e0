using CcTsa.ControlPlane.Pki;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace CcTsa.ControlPlane.Tests.Pki;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CaStoreTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("cctsa-ca-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void LoadOrCreate_on_empty_data_dir_creates_p384_root_with_key_mode_0600()
    {
        var layout = new PkiLayout(_data);
        var store = new CaStore(layout, TimeProvider.System);

        Assert.True(store.TryLoadOrCreate(out var ca, out var error), error);
        using (ca)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(layout.CaKey));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(layout.Root));
            var root = new X509CertificateParser().ReadCertificate(ca.CertificateDer);
            Assert.Equal(384, ((ECPublicKeyParameters)root.GetPublicKey()).Parameters.Curve.FieldSize);
            Assert.Equal(root.SubjectDN, root.IssuerDN);
            root.Verify(root.GetPublicKey());
        }
    }

    [Fact]
    public void LoadOrCreate_twice_loads_the_same_ca()
    {
        var store = new CaStore(new PkiLayout(_data), TimeProvider.System);
        Assert.True(store.TryLoadOrCreate(out var first, out _));
        Assert.True(store.TryLoadOrCreate(out var second, out _));
        using (first)
        using (second)
            Assert.Equal(first.CertificateDer, second.CertificateDer);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite)]
    public void Load_of_key_accessible_to_others_is_refused(UnixFileMode loose)
    {
        var layout = new PkiLayout(_data);
        var store = new CaStore(layout, TimeProvider.System);
        Assert.True(store.TryLoadOrCreate(out var ca, out _));
        ca.Dispose();
        File.SetUnixFileMode(layout.CaKey, loose);

        Assert.False(store.TryLoad(out var refused, out var error));
        Assert.Null(refused);
        Assert.Contains("0600", error, StringComparison.Ordinal);
        Assert.False(store.TryLoadOrCreate(out _, out _));
    }

    [Fact]
    public void Load_with_key_but_no_certificate_is_refused_not_recreated()
    {
        var layout = new PkiLayout(_data);
        var store = new CaStore(layout, TimeProvider.System);
        Assert.True(store.TryLoadOrCreate(out var ca, out _));
        ca.Dispose();
        File.Delete(layout.CaCertificate);
        var key = File.ReadAllText(layout.CaKey);

        Assert.False(store.TryLoadOrCreate(out _, out var error));
        Assert.Contains("not found", error, StringComparison.Ordinal);
        Assert.Equal(key, File.ReadAllText(layout.CaKey));
    }
}

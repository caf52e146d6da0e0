using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CcTsa.Testing;

/// <summary>
/// Debian's chronyd as a local NTS server: a self-signed certificate for 127.0.0.1 made here, free
/// high ports for NTS-KE and NTP, `-x` so it never touches the system clock, `local stratum 1` so it
/// serves time unsynchronised. Missing chronyd fails the test (test.sh installs it); killed on dispose.
/// </summary>
public sealed class ChronyNtsServer : IDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private readonly string _dir;
    private Process? _process;

    public ChronyNtsServer()
    {
        _dir = Directory.CreateTempSubdirectory("cctsa-chrony-").FullName;
        KePort = FreePort(SocketType.Stream, ProtocolType.Tcp);
        NtpPort = FreePort(SocketType.Dgram, ProtocolType.Udp);
        CertificatePath = Path.Combine(_dir, "cert.pem");
        WriteCertificate(CertificatePath, Path.Combine(_dir, "key.pem"));
        File.WriteAllText(Path.Combine(_dir, "chrony.conf"), string.Join('\n',
            $"ntsserverkey {_dir}/key.pem",
            $"ntsservercert {CertificatePath}",
            $"ntsport {KePort}",
            $"port {NtpPort}",
            "local stratum 1",
            "allow 127.0.0.1",
            "bindaddress 127.0.0.1",
            $"ntsdumpdir {_dir}",
            $"pidfile {_dir}/chronyd.pid",
            "cmdport 0",
            "ntsprocesses 0",
            ""));
        Start();
    }

    public int KePort { get; }

    public int NtpPort { get; }

    public string CertificatePath { get; }

    public string Endpoint => $"127.0.0.1:{KePort}";

    /// <summary>
    /// When set before <see cref="Start"/>, chronyd runs under Debian's `faketime -f +Ns` (libfaketime
    /// preloaded: its clock_gettime is shifted), so a real NTS server serves authenticated time that
    /// is off by this much. Missing faketime fails the test (test.sh installs it).
    /// </summary>
    public TimeSpan? Lie { get; set; }

    public void Start()
    {
        var chronyd = new[] { "/usr/sbin/chronyd", "/usr/bin/chronyd", "/sbin/chronyd" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("chronyd is not installed: run `apt-get install -y chrony` (./test.sh does).");
        var start = new ProcessStartInfo(chronyd) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (Lie is { } lie)
        {
            var faketime = new[] { "/usr/bin/faketime", "/bin/faketime" }.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("faketime is not installed: run `apt-get install -y faketime` (./test.sh does).");
            start = new ProcessStartInfo(faketime) { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add("-f");
            start.ArgumentList.Add((lie >= TimeSpan.Zero ? "+" : "-") + Math.Abs(lie.TotalSeconds).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "s");
            start.ArgumentList.Add(chronyd);
        }
        foreach (var a in new[] { "-x", "-d", "-f", Path.Combine(_dir, "chrony.conf") }) start.ArgumentList.Add(a);
        // As root chronyd drops to _chrony, which cannot read the key made here; keep root (it only serves time).
        if (Environment.UserName == "root") { start.ArgumentList.Add("-u"); start.ArgumentList.Add("root"); }
        _process = Process.Start(start) ?? throw new InvalidOperationException("chronyd did not start.");
        var log = new System.Text.StringBuilder();
        _process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        // a bound that only stops a hang: chronyd opens its port in milliseconds on a quiet host, but a
        // process start at CI's load average 40 is not a thing to time
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartBound)
        {
            if (_process.HasExited) throw new InvalidOperationException($"chronyd exited with {_process.ExitCode}: {Log(log)}");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, KePort);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException($"chronyd did not open NTS-KE port {KePort} within {StartBound.TotalSeconds:0} s: {Log(log)}");
    }

    public void Stop()
    {
        if (_process is null) return;
        // the whole tree: Debian's faketime forks chronyd as its child and waits, so killing only the
        // wrapper left the lying chronyd serving on the port (a restart "honest" then met the liar)
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        _process.Dispose();
        _process = null;
        File.Delete(Path.Combine(_dir, "chronyd.pid"));
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { /* chronyd's dump files may linger a moment */ }
    }

    private static string Log(System.Text.StringBuilder log) { lock (log) return log.ToString(); }

    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>A self-signed P-256 certificate naming 127.0.0.1 and localhost, as a test CA would issue.</summary>
    public static X509Certificate2 SelfSigned(string name, out ECDsa key)
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    private static void WriteCertificate(string certPath, string keyPath)
    {
        using var cert = SelfSigned("chrony-nts-" + Guid.NewGuid().ToString("N"), out var key);
        using (key)
        {
            File.WriteAllText(certPath, cert.ExportCertificatePem() + "\n");
            File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        }
    }
}

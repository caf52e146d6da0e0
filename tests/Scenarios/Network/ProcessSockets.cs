using System.Globalization;
using System.Net;

namespace CcTsa.Scenarios.Network;

/// <summary>One socket of a process as the kernel lists it (/proc/PID/net/tcp, tcp6, udp, udp6).</summary>
public sealed record SocketEntry(string Protocol, IPEndPoint Local, IPEndPoint Remote, string State)
{
    /// <summary>Connected (or connecting): a listening or unconnected socket has remote 0.0.0.0:0 / [::]:0.</summary>
    public bool HasRemote => Remote.Port != 0;

    public bool RemoteIsLoopback =>
        IPAddress.IsLoopback(Remote.Address) || (Remote.Address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(Remote.Address.MapToIPv4()));

    public override string ToString() => $"{Protocol} {Local} -> {Remote} ({State})";
}

/// <summary>
/// The TCP and UDP sockets a Linux process holds: its fds that are sockets (socket:[inode]) matched
/// with the kernel's socket tables of its network namespace. Sockets of other processes in the same
/// namespace are left out, so a test sees exactly what the process under test opened.
/// </summary>
public static class ProcessSockets
{
    private static readonly string[] Tables = ["tcp", "tcp6", "udp", "udp6"];

    public static IReadOnlyList<SocketEntry> Of(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
            {
                string? target;
                try { target = new FileInfo(fd).LinkTarget; }
                catch (IOException) { continue; }
                catch (UnauthorizedAccessException) { continue; }
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)) inodes.Add(target[8..^1]);
            }
        }
        catch (DirectoryNotFoundException) { return []; } // the process is gone
        var found = new List<SocketEntry>();
        foreach (var table in Tables)
        {
            string[] lines;
            try { lines = File.ReadAllLines($"/proc/{pid}/net/{table}"); }
            catch (IOException) { continue; }
            foreach (var line in lines.Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 10 || !inodes.Contains(f[9])) continue;
                found.Add(new SocketEntry(table, Endpoint(f[1]), Endpoint(f[2]), f[3]));
            }
        }
        return found;
    }

    /// <summary>"0100007F:1F90" (IPv4) or 32 hex digits + port (IPv6): each 32-bit word in host (little-endian) order.</summary>
    public static IPEndPoint Endpoint(string hex)
    {
        var parts = hex.Split(':');
        var address = parts[0];
        var bytes = new byte[address.Length / 2];
        for (int word = 0; word < bytes.Length / 4; word++)
            for (int b = 0; b < 4; b++)
                bytes[word * 4 + b] = byte.Parse(address.AsSpan(word * 8 + (3 - b) * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new IPEndPoint(new IPAddress(bytes), int.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}

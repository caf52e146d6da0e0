namespace CcTsa.Testing;

/// <summary>
/// A directory laid out as the two places Secure TSC is read from: the current clocksource under
/// sys/ and the msr driver's file dev/cpu/0/msr, where SEV_STATUS sits at offset 0xC0010131 (a
/// sparse file). Null leaves the file out, as on a guest without the msr driver.
/// </summary>
public sealed class FakeSysTree : IDisposable
{
    public const ulong SnpEnabled = 1UL << 2;
    public const ulong SecureTscBit = 1UL << 11;

    public FakeSysTree(string? clocksource, ulong? sevStatus, int msrBytes = 8)
    {
        Root = Directory.CreateTempSubdirectory("cctsa-sys-").FullName;
        if (clocksource is not null)
        {
            var dir = Path.Combine(Root, "sys/devices/system/clocksource/clocksource0");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "current_clocksource"), clocksource + "\n");
        }
        if (sevStatus is { } status)
        {
            Directory.CreateDirectory(Path.Combine(Root, "dev/cpu/0"));
            using var msr = new FileStream(Path.Combine(Root, "dev/cpu/0/msr"), FileMode.CreateNew);
            msr.Seek(0xC0010131, SeekOrigin.Begin);
            var value = BitConverter.GetBytes(status);
            msr.Write(value, 0, msrBytes);
        }
    }

    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

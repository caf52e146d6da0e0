namespace CcTsa.Signer.Platform;

/// <summary>
/// Whether this guest keeps time on SEV-SNP Secure TSC: the hypervisor can neither read-modify the
/// TSC the guest sees nor scale it (AMD APM vol. 2 §15.36.18; the guest-visible SEV_STATUS MSR
/// 0xC0010131 bit 11, which Linux names MSR_AMD64_SNP_SECURE_TSC and prints as "SecureTSC" in its
/// "SEV: Status:" boot line), AND Linux actually uses the TSC as its clocksource (with kvm-clock the
/// hypervisor still sets the time). The SEV_FEATURES of the boot VMSA are part of the launch
/// measurement, so the pinned MEASUREMENT already decides it for a whole fleet; this value is what the
/// node itself observes, reported in its attestation (NodeAttested.SecureTsc, /api/cluster).
/// </summary>
public enum SecureTsc
{
    /// <summary>The clocksource is the TSC but SEV_STATUS could not be read (no msr driver or no privilege).</summary>
    Unknown,

    /// <summary>SEV_STATUS says no Secure TSC, or the clocksource is not the TSC.</summary>
    Off,

    /// <summary>SEV_STATUS bit 11 set and the clocksource is the TSC.</summary>
    On,
}

/// <summary>The pure part of the detection: clocksource name and SEV_STATUS value (either unreadable) to a verdict.</summary>
public static class SecureTscRule
{
    /// <summary>MSR_AMD64_SEV (SEV_STATUS), readable by SEV-ES/SNP guests.</summary>
    public const long SevStatusMsr = 0xC0010131;

    /// <summary>MSR_AMD64_SNP_SECURE_TSC_BIT.</summary>
    public const int SecureTscBit = 11;

    /// <summary>MSR_AMD64_SEV_SNP_ENABLED_BIT: without SNP the Secure TSC bit means nothing.</summary>
    public const int SnpEnabledBit = 2;

    public static SecureTsc Judge(string? clocksource, ulong? sevStatus)
    {
        // a known non-TSC clocksource settles it: the guest's time is not read from the protected TSC
        if (clocksource is { } cs && !string.Equals(cs.Trim(), "tsc", StringComparison.Ordinal)) return SecureTsc.Off;
        if (sevStatus is not { } status) return SecureTsc.Unknown;
        var snp = (status & (1UL << SnpEnabledBit)) != 0;
        var secure = (status & (1UL << SecureTscBit)) != 0;
        if (!snp || !secure) return SecureTsc.Off;
        return clocksource is null ? SecureTsc.Unknown : SecureTsc.On;
    }

    /// <summary>"true", "false" or "unknown": the value in attestation events and /api/cluster.</summary>
    public static string Name(SecureTsc value) => value switch
    {
        SecureTsc.On => "true",
        SecureTsc.Off => "false",
        _ => "unknown",
    };
}

/// <summary>
/// Reads the two facts under a root directory ("/" in production; a fake tree in tests):
/// ROOT/sys/devices/system/clocksource/clocksource0/current_clocksource and 8 bytes at offset
/// 0xC0010131 of ROOT/dev/cpu/0/msr (Linux's msr driver: the file offset is the MSR number). Either
/// may be unreadable; that is reported as unknown, never guessed.
/// </summary>
public sealed class SecureTscProbe(string root)
{
    public const string DefaultRoot = "/";

    public string ClocksourcePath => Path.Combine(root, "sys/devices/system/clocksource/clocksource0/current_clocksource");

    public string MsrPath => Path.Combine(root, "dev/cpu/0/msr");

    public SecureTsc Detect() => SecureTscRule.Judge(ReadClocksource(), ReadSevStatus());

    private string? ReadClocksource()
    {
        try { return File.ReadAllText(ClocksourcePath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private ulong? ReadSevStatus()
    {
        try
        {
            using var handle = File.OpenHandle(MsrPath, FileMode.Open, FileAccess.Read);
            Span<byte> value = stackalloc byte[8];
            if (RandomAccess.Read(handle, value, SecureTscRule.SevStatusMsr) != 8) return null;
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}

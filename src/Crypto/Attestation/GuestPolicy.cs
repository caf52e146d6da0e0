namespace CcTsa.Crypto.Attestation;

/// <summary>
/// The 64-bit guest POLICY of a report (SEV-SNP ABI spec, "Guest Policy"): bits 0–7 ABI minor,
/// 8–15 ABI major, 16 SMT allowed, 17 reserved (must be one), 18 migration agent allowed,
/// 19 debug allowed, 20 single socket, 21 CXL allowed, 22 AES-256-XTS required, 23 RAPL disabled,
/// 24 ciphertext hiding, 25 page swap disabled.
/// </summary>
public readonly record struct GuestPolicy(ulong Raw)
{
    public byte AbiMinor => (byte)(Raw & 0xFF);
    public byte AbiMajor => (byte)((Raw >> 8) & 0xFF);
    public bool SmtAllowed => Bit(16);
    public bool MigrationAgentAllowed => Bit(18);
    public bool DebugAllowed => Bit(19);
    public bool SingleSocket => Bit(20);
    public bool CxlAllowed => Bit(21);
    public bool MemAes256Xts => Bit(22);
    public bool RaplDisabled => Bit(23);
    public bool CiphertextHiding => Bit(24);
    public bool PageSwapDisabled => Bit(25);

    /// <summary>The policy a well-behaved guest launches with: SMT allowed, reserved bit 17 set.</summary>
    public static GuestPolicy Default => new(0x30000);

    public GuestPolicy WithDebug(bool on) => new(on ? Raw | (1UL << 19) : Raw & ~(1UL << 19));

    public GuestPolicy WithMigrationAgent(bool on) => new(on ? Raw | (1UL << 18) : Raw & ~(1UL << 18));

    private bool Bit(int n) => ((Raw >> n) & 1) != 0;

    public override string ToString()
    {
        var flags = new List<string> { $"abi={AbiMajor}.{AbiMinor}" };
        if (SmtAllowed) flags.Add("smt");
        if (MigrationAgentAllowed) flags.Add("migrate-ma");
        if (DebugAllowed) flags.Add("DEBUG");
        if (SingleSocket) flags.Add("single-socket");
        if (CxlAllowed) flags.Add("cxl");
        if (MemAes256Xts) flags.Add("aes-256-xts");
        if (RaplDisabled) flags.Add("rapl-dis");
        if (CiphertextHiding) flags.Add("ciphertext-hiding");
        if (PageSwapDisabled) flags.Add("page-swap-disabled");
        return "0x" + Raw.ToString("X", System.Globalization.CultureInfo.InvariantCulture) + " (" + string.Join(", ", flags) + ")";
    }
}

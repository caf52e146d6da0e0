namespace CcTsa.Signer.Platform;

/// <summary>
/// The kebab-case names of <see cref="LaunchFlaw"/> used by `cctsa-signer --flaw` and
/// `POST /api/faults/{node}/start?flaw=`: wrong-measurement, debug-policy, tcb-below-minimum,
/// forged-report, vmpl-not-zero. Parsing is exact (lower case, no spaces) so a typo is an error, not "no flaw".
/// </summary>
public static class LaunchFlawNames
{
    private static readonly (LaunchFlaw Flaw, string Name)[] Table =
    [
        (LaunchFlaw.WrongMeasurement, "wrong-measurement"),
        (LaunchFlaw.DebugPolicy, "debug-policy"),
        (LaunchFlaw.TcbBelowMinimum, "tcb-below-minimum"),
        (LaunchFlaw.ForgedReport, "forged-report"),
        (LaunchFlaw.VmplNotZero, "vmpl-not-zero"),
    ];

    /// <summary>The accepted names, for help texts and error messages.</summary>
    public static string Accepted { get; } = string.Join(", ", Table.Select(t => t.Name));

    public static string NameOf(LaunchFlaw flaw) =>
        flaw == LaunchFlaw.None ? "none" : Table.Single(t => t.Flaw == flaw).Name;

    /// <summary>Parses one of the names; null or empty means <see cref="LaunchFlaw.None"/>.</summary>
    public static bool TryParse(string? text, out LaunchFlaw flaw, out string error)
    {
        flaw = LaunchFlaw.None;
        error = "";
        if (string.IsNullOrEmpty(text)) return true;
        foreach (var (f, name) in Table)
        {
            if (!string.Equals(name, text, StringComparison.Ordinal)) continue;
            flaw = f;
            return true;
        }
        var shown = text.Length <= 24 ? text : text[..24] + "…";
        error = $"unknown flaw '{shown}' (expected one of: {Accepted})";
        return false;
    }
}

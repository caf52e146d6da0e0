using System.Globalization;

namespace CcTsa.Scenarios.Harness;

/// <summary>
/// How a (replacement) node is started: its provider, an attestation flaw, or a different launch
/// measurement (a software update). The only place that turns these into signer flags
/// (`--provider`, `--flaw`, `--measurement`) and into the embedded start query
/// (`/api/faults/{node}/start?provider=&amp;flaw=&amp;measurement=`).
/// </summary>
public sealed record NodeLaunch(string? Provider = null, AttestationFlaw Flaw = AttestationFlaw.None, string? MeasurementHex = null)
{
    public static NodeLaunch Default { get; } = new();

    public static string FlawName(AttestationFlaw flaw) => flaw switch
    {
        AttestationFlaw.WrongMeasurement => "wrong-measurement",
        AttestationFlaw.DebugPolicy => "debug-policy",
        AttestationFlaw.TcbBelowMinimum => "tcb-below-minimum",
        AttestationFlaw.ForgedReport => "forged-report",
        _ => "none",
    };

    public IEnumerable<string> SignerArgs(string node)
    {
        yield return "--provider";
        yield return Provider ?? FleetLayout.ProviderOf(node);
        if (Flaw != AttestationFlaw.None)
        {
            yield return "--flaw";
            yield return FlawName(Flaw);
        }
        if (MeasurementHex is not null)
        {
            yield return "--measurement";
            yield return MeasurementHex;
        }
    }

    public string StartQuery()
    {
        var parts = new List<string>();
        if (Provider is not null) parts.Add("provider=" + Uri.EscapeDataString(Provider));
        if (Flaw != AttestationFlaw.None) parts.Add("flaw=" + FlawName(Flaw));
        if (MeasurementHex is not null) parts.Add("measurement=" + MeasurementHex.ToLower(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

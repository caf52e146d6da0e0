using System.Globalization;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Projections;

/// <summary>
/// A post-recovery checklist's test token: the data it stamped and the DER response, kept so a
/// later checklist can check that tokens of earlier epochs still verify. Public data, no secret.
/// </summary>
public sealed record ChecklistToken(IncidentId Incident, KeyEpoch Epoch, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Token)
{
    /// <summary>The checklist item whose step carries the test token.</summary>
    public const string TestItem = "test-token-verified";

    /// <summary>Marks the base64 of the stamped data in a legacy step detail.</summary>
    public const string DataMark = " data=";

    /// <summary>Marks the base64 of the DER response in a legacy step detail.</summary>
    public const string TokenMark = " token=";

    /// <summary>
    /// The test token a succeeded "checklist@E[+refresh]:test-token-verified" step carries in its
    /// detail ("… data=BASE64 token=BASE64") in logs written up to release 58ddb92 (now the token is a
    /// ChecklistTokenRecorded event), typed once here at the projection boundary so no reader parses
    /// step names or details again; null for any other step.
    /// </summary>
    public static ChecklistToken? From(RunbookStepCompleted step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!step.Succeeded || !step.Step.EndsWith(":" + TestItem, StringComparison.Ordinal)) return null;
        if (EpochOf(step.Step) is not { } epoch) return null;
        var t = step.Detail.IndexOf(TokenMark, StringComparison.Ordinal);
        var d = step.Detail.IndexOf(DataMark, StringComparison.Ordinal);
        if (t < 0 || d < 0 || d > t) return null;
        try
        {
            return new ChecklistToken(step.Incident, epoch,
                Convert.FromBase64String(step.Detail[(d + DataMark.Length)..t]),
                Convert.FromBase64String(step.Detail[(t + TokenMark.Length)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The epoch in a checklist step name ("checklist@2:…" or "checklist@2+refresh:…").</summary>
    private static KeyEpoch? EpochOf(string step)
    {
        var at = step.IndexOf('@', StringComparison.Ordinal);
        if (at < 0) return null;
        var end = at + 1;
        while (end < step.Length && char.IsAsciiDigit(step[end])) end++;
        return int.TryParse(step.AsSpan(at + 1, end - at - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? new KeyEpoch(n) : null;
    }
}

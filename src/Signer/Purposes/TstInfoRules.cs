using CcTsa.Crypto.Rfc3161;
using CcTsa.Signer.Coordinator;

namespace CcTsa.Signer.Purposes;

/// <summary>
/// The TSTInfo a participant agrees to sign, decided by the signers alone (the coordinator and the
/// control plane are relays): the epoch's policy, exactly the signers' accuracy, ordering false,
/// no extensions, tsa = the certificate subject, an imprint as long as its algorithm's digest, a
/// serial embedding genTime (<see cref="TimedSerial"/>), and genTime within accuracy of this node's
/// trusted clock — plus a lag allowance for the round's transit, never a lead allowance.
/// Pure: the caller supplies the clock reading; the serial's uniqueness is the caller's ledger.
/// </summary>
internal static class TstInfoRules
{
    public static string? Check(TstInfoSummary tstInfo, EpochCertificate certificate, TimeSpan accuracy, TimeSpan networkAllowance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tstInfo);
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.Policies.Contains(tstInfo.Policy)) return "policy not offered";
        if (tstInfo.Accuracy != accuracy) return "accuracy is not the signers' accuracy";
        if (tstInfo.Ordering) return "ordering must be false";
        if (tstInfo.HasExtensions) return "TSTInfo extensions are not signed";
        if (tstInfo.TsaNameDer is not { } tsa || !certificate.Certificate.NamesTsa(tsa.AsSpan()))
            return "tsa is not the certificate subject";
        if (tstInfo.HashedMessage.Length != ImprintAlgorithms.Length(tstInfo.Algorithm))
            return "imprint length does not match its hash algorithm";
        if (!TimedSerial.Matches(tstInfo.Serial, tstInfo.GenTime)) return "serial does not embed genTime";
        return GenTimeError(tstInfo.GenTime, accuracy, networkAllowance, now);
    }

    /// <summary>The refusal of a genTime that aged past the allowance on its way here (a batch's reason carries an item prefix).</summary>
    public const string LateGenTime = "genTime too far in the past for this node's clock";

    /// <summary>True when <paramref name="reason"/> is <see cref="LateGenTime"/>: the coordinator may stamp again and retry.</summary>
    public static bool IsLate(string reason) => reason is not null && reason.EndsWith(LateGenTime, StringComparison.Ordinal);

    /// <summary>Null when <paramref name="genTime"/> is at most accuracy ahead of, and accuracy + allowance behind, <paramref name="now"/>.</summary>
    public static string? GenTimeError(DateTimeOffset genTime, TimeSpan accuracy, TimeSpan networkAllowance, DateTimeOffset now)
    {
        var lag = now - genTime;
        if (lag > accuracy + networkAllowance) return LateGenTime;
        if (-lag > accuracy) return "genTime ahead of this node's clock";
        return null;
    }
}

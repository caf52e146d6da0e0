using CcTsa.Crypto.Common;

namespace CcTsa.Crypto.Sharing.Dkg;

/// <summary>
/// The error of the generic DKG/refresh/repair steps: a kind, the participants it blames and plain
/// words that never echo input bytes. FROST and DKLs23 turn it into FrostError / Dkls23Error.
/// </summary>
internal sealed record DkgFault(DkgFaultKind Kind, IReadOnlyList<ParticipantId> Culprits, string Detail)
{
    public static DkgFault Of(DkgFaultKind kind, string detail) => new(kind, [], detail);

    public static DkgFault Blame(DkgFaultKind kind, ParticipantId culprit, string detail) => new(kind, [culprit], detail);

    public static DkgFault Blame(DkgFaultKind kind, IReadOnlyList<ParticipantId> culprits, string detail) => new(kind, culprits, detail);

    public Result<T, DkgFault> As<T>() => Result<T, DkgFault>.Fail(this);

    public override string ToString() =>
        Culprits.Count == 0 ? $"{Kind}: {Detail}" : $"{Kind} ({string.Join(", ", Culprits)}): {Detail}";
}

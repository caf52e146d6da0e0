using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Pki;

namespace CcTsa.Cli.Bench;

/// <summary>
/// The baseline's answer to "can this policy be signed now": always, for the one policy whose
/// single in-memory key it holds (it has no epochs or certificates in a log to look them up in).
/// </summary>
internal sealed class SingleKeyAvailability(TsaPolicy policy) : IPolicyAvailability
{
    public string? Unavailable(TsaPolicy requested) =>
        requested == policy ? null : $"the single-key baseline signs only {policy.Name} ({policy.Oid})";
}

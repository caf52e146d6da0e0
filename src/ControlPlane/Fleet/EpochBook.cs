using System.Collections.Immutable;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Events.Pki;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// What the fleet needs to know about key epochs, folded from the audit log: the current epoch,
/// its group key, and which epochs have a certificate installed or revoked. Pure fold; the log is
/// the truth, so a restarted control plane rebuilds exactly this from its events.
/// </summary>
public sealed record EpochBook(int Current, string? GroupPublicKeyHex, ImmutableHashSet<int> Certified, ImmutableHashSet<int> Revoked)
{
    public static EpochBook Empty { get; } = new(0, null, [], []);

    public bool CertificateInstalled(int epoch) => Certified.Contains(epoch) && !Revoked.Contains(epoch);

    public EpochBook Apply(object evt) => evt switch
    {
        KeyEpochActivated a when a.Epoch.Number >= Current => this with { Current = a.Epoch.Number, GroupPublicKeyHex = a.GroupPublicKeyHex },
        CertificateIssued c => this with { Certified = Certified.Add(c.Epoch.Number) },
        CertificateRevoked r => this with { Revoked = Revoked.Add(r.Epoch.Number) },
        _ => this,
    };
}

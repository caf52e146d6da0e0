using System.Collections.Concurrent;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The TSA certificate and policy of each epoch, as relayed by the control plane. The relay is not
/// trusted: a certificate is installed only if it names the accuracy this node enforces, chains to
/// the pinned CA, carries the epoch's group key (when this node holds the epoch) and, when the CA
/// certified policies (certificatePolicies), lists the relayed policy. Rule for a
/// re-sent InstallCertificate: the same certificate and policy again is a no-op; a different one
/// for an epoch whose certificate is already verified against the group key is refused, so a relay
/// can neither swap the certificate nor the policy of a live epoch. Each epoch has one certificate
/// per scheme; a certificate's scheme follows from its key algorithm (Ed25519: frost-ed25519,
/// P-384: ecdsa-p384, ML-DSA-65: ml-dsa-65) and its key must be that scheme's group key. Besides
/// the relayed policy, a certificate serves every other policy its scheme's key signs (the hybrid
/// policy, for the ECDSA and the ML-DSA certificate) when the CA certified that policy too.
/// </summary>
public sealed class InstalledCertificates
{
    private readonly ConcurrentDictionary<(int Epoch, string Scheme), EpochCertificate> _byEpoch = new();
    private readonly ConcurrentDictionary<(int Epoch, string Scheme), TaskCompletionSource> _waiters = new();
    private readonly TimeSpan _accuracy;
    // byte[]? rather than ReadOnlyMemory<byte>?: a conditional "keys ? bytes : null" converts null to
    // an EMPTY memory, which once made a node awaiting repair refuse every certificate.
    private readonly Func<int, string, byte[]?> _groupKeyOf;
    private readonly Func<DateTimeOffset> _now;
    private readonly Lock _gate = new();
    private TsaCaPin? _pin;

    /// <param name="accuracy">The node's own token accuracy (<see cref="SignerNodeOptions.TokenAccuracy"/>).</param>
    /// <param name="pin">The CA pinned at start; null pins the CA of the first accepted certificate.</param>
    /// <param name="groupKeyOf">The epoch's group key of a scheme from this node's vault, null when it holds no share of it.</param>
    /// <param name="now">This node's trusted clock (certificate validity is checked against it).</param>
    public InstalledCertificates(TimeSpan accuracy, TsaCaPin? pin, Func<int, string, byte[]?> groupKeyOf, Func<DateTimeOffset> now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(accuracy, TimeSpan.Zero);
        _accuracy = accuracy;
        _pin = pin;
        _groupKeyOf = groupKeyOf;
        _now = now;
    }

    /// <summary>The pinned CA (null until the first install when none was given at start).</summary>
    public TsaCaPin? Pin => _pin;

    /// <summary>Checks and installs; returns an error text when the certificate is refused.</summary>
    public string? Install(InstallCertificate message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!TsaCertificate.TryParse(message.TsaCertificateDer, out var certificate, out var error))
            return "certificate rejected: " + error;
        if (string.IsNullOrWhiteSpace(message.Policy)) return "certificate rejected: no policy";
        if (!certificate.Certifies(message.Policy))
            return $"certificate rejected: policy {message.Policy} is not among the policies its CA certified";
        if (message.AccuracyMicros != (long)Math.Ceiling(_accuracy.TotalMicroseconds))
            return $"certificate rejected: accuracy {message.AccuracyMicros} µs is not this node's {_accuracy.TotalMicroseconds} µs";
        if (certificate.TokenAccuracy is { } bound && bound != _accuracy)
            return $"certificate rejected: it binds accuracy {bound.TotalMicroseconds} µs, this node enforces {_accuracy.TotalMicroseconds} µs";
        if (SchemeOf(certificate.Algorithm) is not { } scheme) return $"certificate rejected: no threshold scheme signs with {certificate.Algorithm}";
        var groupKey = _groupKeyOf(message.Epoch.Number, scheme);
        if (groupKey is { } key && !key.AsSpan().SequenceEqual(certificate.PublicKey.AsSpan()))
            return "certificate rejected: its subject key is not the epoch's group key";
        lock (_gate)
        {
            if (ChainError(certificate, message.ChainDer) is { } chainError) return "certificate rejected: " + chainError;
            var also = TsaPolicies.SignedBy(scheme).Select(p => p.Oid).Where(p => p != message.Policy && certificate.Certifies(p)).ToArray();
            var installed = new EpochCertificate(message.Epoch.Number, certificate, new TsaPolicySet(message.Policy, also), _accuracy);
            if (_byEpoch.TryGetValue((message.Epoch.Number, scheme), out var existing) && !SameAs(existing, installed)
                && groupKey is { } held && held.AsSpan().SequenceEqual(existing.Certificate.PublicKey.AsSpan()))
                return "certificate rejected: the epoch already has a verified certificate and policy";
            _byEpoch[(message.Epoch.Number, scheme)] = installed;
        }
        if (_waiters.TryRemove((message.Epoch.Number, scheme), out var waiter)) waiter.TrySetResult();
        return null;
    }

    /// <summary>The threshold scheme whose key a certificate of <paramref name="algorithm"/> certifies; null for none.</summary>
    public static string? SchemeOf(TokenSignatureAlgorithm algorithm) => algorithm switch
    {
        TokenSignatureAlgorithm.Ed25519 => TsaPolicies.Ed25519.Scheme,
        TokenSignatureAlgorithm.EcdsaP384Sha384 => TsaPolicies.EcdsaP384.Scheme,
        TokenSignatureAlgorithm.MlDsa65 => TsaPolicies.MlDsa65.Scheme,
        _ => null,
    };

    /// <summary>Completes once a certificate of <paramref name="scheme"/> for <paramref name="epoch"/> is installed.</summary>
    public Task WaitAsync(int epoch, CancellationToken cancellationToken, string scheme = FrostScheme)
    {
        var tcs = _waiters.GetOrAdd((epoch, scheme), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_byEpoch.ContainsKey((epoch, scheme)) && _waiters.TryRemove((epoch, scheme), out var done)) done.TrySetResult();
        return tcs.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The epoch's FROST-Ed25519 certificate.</summary>
    public EpochCertificate? For(int epoch) => For(epoch, FrostScheme);

    public EpochCertificate? For(int epoch, string scheme) => _byEpoch.TryGetValue((epoch, scheme), out var c) ? c : null;

    /// <summary>Forgets every certificate of the epoch (all schemes).</summary>
    public void Remove(int epoch)
    {
        foreach (var key in _byEpoch.Keys.Where(k => k.Epoch == epoch).ToList()) _byEpoch.TryRemove(key, out _);
    }

    private const string FrostScheme = "frost-ed25519";

    // Trust on first install takes the last certificate of the relayed chain as the CA (the chain
    // is CA-last); once pinned it never changes, whoever sends the next InstallCertificate.
    private string? ChainError(TsaCertificate certificate, IReadOnlyList<byte[]> chain)
    {
        var pin = _pin;
        if (pin is null)
        {
            if (chain is not { Count: > 0 } || chain[^1] is not { Length: > 0 } last) return "no CA pinned and none relayed to pin";
            pin = TsaCaPin.FromDer(last);
        }
        var intermediates = chain.Where(c => !c.AsSpan().SequenceEqual(pin.Der.AsSpan())).ToList();
        if (TsaCertificateChain.Check(certificate.Der.AsSpan(), pin.Der.AsSpan(), intermediates, _now()) is { } why) return why;
        _pin = pin;
        return null;
    }

    private static bool SameAs(EpochCertificate a, EpochCertificate b) =>
        a.Certificate.Der.AsSpan().SequenceEqual(b.Certificate.Der.AsSpan()) && a.Policies.Default == b.Policies.Default;
}

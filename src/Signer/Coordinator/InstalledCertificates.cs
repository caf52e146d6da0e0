using System.Collections.Concurrent;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The TSA certificate, policy and accuracy of each epoch, as installed by the control plane
/// (public data). A coordinator builds tokens with it; a participant checks that what it is asked
/// to sign names this certificate and policy.
/// </summary>
public sealed class InstalledCertificates
{
    private readonly ConcurrentDictionary<int, EpochCertificate> _byEpoch = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _waiters = new();

    /// <summary>Parses and installs; returns an error text when the certificate is unusable.</summary>
    public string? Install(InstallCertificate message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!TsaCertificate.TryParse(message.TsaCertificateDer, out var certificate, out var error))
            return "certificate rejected: " + error;
        if (string.IsNullOrWhiteSpace(message.Policy)) return "certificate rejected: no policy";
        if (message.AccuracyMicros <= 0) return "certificate rejected: accuracy must be positive";
        _byEpoch[message.Epoch.Number] = new EpochCertificate(message.Epoch.Number, certificate, new TsaPolicySet(message.Policy),
            TimeSpan.FromMicroseconds(message.AccuracyMicros));
        if (_waiters.TryRemove(message.Epoch.Number, out var waiter)) waiter.TrySetResult();
        return null;
    }

    /// <summary>Completes once a certificate for <paramref name="epoch"/> is installed.</summary>
    public Task WaitAsync(int epoch, CancellationToken cancellationToken)
    {
        var tcs = _waiters.GetOrAdd(epoch, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_byEpoch.ContainsKey(epoch) && _waiters.TryRemove(epoch, out var done)) done.TrySetResult();
        return tcs.Task.WaitAsync(cancellationToken);
    }

    public EpochCertificate? For(int epoch) => _byEpoch.TryGetValue(epoch, out var c) ? c : null;

    public void Remove(int epoch) => _byEpoch.TryRemove(epoch, out _);
}

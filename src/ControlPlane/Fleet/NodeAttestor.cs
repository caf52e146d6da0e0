using System.Collections.Concurrent;
using System.Security.Cryptography;
using CcTsa.ControlPlane.EventStore;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Crypto.Attestation;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// The control plane's own check of a node (besides the nodes' mutual attestation): asks for a
/// report over a fresh nonce of its own, verifies chain, measurement allow-list, policy, TCB and the
/// REPORT_DATA binding of the node id, provider, channel key and message-signing key, then the fleet rules — the measurement pin
/// (<see cref="FleetMeasurementPin"/>) and provider placement (<see cref="PlacementRule"/>, seed §7)
/// — and records NodeAttested or AttestationRejected(reason). A rejected node never receives a
/// share. A node refused only by a fleet rule is remembered and judged again when the fleet changes.
/// </summary>
public sealed class NodeAttestor(IBus bus, FleetState state, AttestationSettings settings, FleetOptions options, TimeProvider time, ILogger<NodeAttestor> logger) : IDisposable
{
    // A node answers the control plane (Requester null) by publishing its report; the nonce,
    // fresh and single-use, is what ties the answer to this request.
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AttestationReported>> _pending = new(StringComparer.Ordinal);
    // fleet rules read the roster and the verdict changes it: one verdict at a time, so two
    // replacements can never both adopt different measurements or both fill a provider's last slot
    private readonly SemaphoreSlim _verdicts = new(1, 1);
    private readonly ConcurrentDictionary<NodeId, string> _refusedByFleet = new();
    // The Ed25519 message key each node's last accepted report bound (see NodeMessageCheck).
    private readonly ConcurrentDictionary<NodeId, byte[]> _signingKeys = new();

    /// <summary>The message-signing key bound by <paramref name="node"/>'s last accepted report, or null.</summary>
    public byte[]? SigningKey(NodeId node) => _signingKeys.GetValueOrDefault(node);

    /// <summary>Takes the nodes refused only by the pin or placement (node, provider), to be judged again after a fleet change.</summary>
    public IReadOnlyList<(NodeId Node, string Provider)> TakeRefusedByFleet()
    {
        var taken = new List<(NodeId, string)>();
        foreach (var node in _refusedByFleet.Keys)
            if (_refusedByFleet.TryRemove(node, out var provider)) taken.Add((node, provider));
        return taken;
    }

    /// <summary>Delivered by <see cref="AttestationReportedConsumer"/>; answers to peers' requests are ignored.</summary>
    public void OnReported(AttestationReported report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Requester is null && _pending.TryRemove(Key(report.Node, report.Nonce), out var waiter))
            waiter.TrySetResult(report);
    }

    public async Task<bool> AttestAsync(NodeId node, string provider, CancellationToken ct)
    {
        var nonce = RandomNumberGenerator.GetBytes(32);
        var key = Key(node, nonce);
        var waiter = new TaskCompletionSource<AttestationReported>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[key] = waiter;
        AttestationReported report;
        try
        {
            var endpoint = await bus.GetSendEndpoint(NodeAddress.Of(node, options.QueuePrefix)).ConfigureAwait(false);
            await endpoint.Send(new AttestationRequested(node, null, nonce), ct).ConfigureAwait(false);
            report = await waiter.Task.WaitAsync(options.AttestationTimeout, time, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ControlPlaneLog.AttestationUnanswered(logger, node);
            return false;
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }

        var (ok, reason, measurement, chip) = Judge(report, node, nonce);
        var secureTsc = report.SecureTsc is "true" or "false" ? report.SecureTsc : "unknown";
        await _verdicts.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (ok && FleetRule(node, provider, measurement) is { } refusal)
            {
                (ok, reason) = (false, refusal);
                _refusedByFleet[node] = provider;
            }
            object evt = ok
                ? new NodeAttested(node, provider, measurement, chip, time.GetUtcNow(), secureTsc)
                : new AttestationRejected(node, provider, measurement, reason, time.GetUtcNow());
            await state.RecordObservedAsync([evt], ct).ConfigureAwait(false);
            state.Update(r => (r.WithAttestation(node, ok, measurement, secureTsc), 0));
        }
        finally
        {
            _verdicts.Release();
        }
        if (ok) _signingKeys[node] = report.SigningPublicKey!;
        else _signingKeys.TryRemove(node, out _);
        if (ok) ControlPlaneLog.NodeAttested(logger, node, provider);
        else ControlPlaneLog.AttestationRejected(logger, node, reason);
        return ok;
    }

    /// <summary>The measurement pin, then placement: null when the fleet admits the (validly attested) node.</summary>
    private string? FleetRule(NodeId node, string provider, string measurement)
    {
        var roster = state.Roster;
        var epoch = state.Epochs.Current;
        var epochMeasurement = epoch > 0 ? state.Certificates.ForEpoch(epoch).Select(c => c.MeasurementHex).FirstOrDefault(m => m.Length > 0) : null;
        if (FleetMeasurementPin.Check(node, measurement, roster, epoch, epochMeasurement) is { } pin) return pin;
        return PlacementRule.CheckAdmission(roster, node, provider, options.Threshold);
    }

    public void Dispose() => _verdicts.Dispose();

    private static string Key(NodeId node, byte[] nonce) => node.Value + ":" + Convert.ToHexStringLower(nonce);

    private (bool Ok, string Reason, string Measurement, string Chip) Judge(AttestationReported report, NodeId node, byte[] nonce)
    {
        if (report.Node != node)
            return (false, $"answer came from {report.Node}, not {node}", "", "");
        if (!report.Nonce.AsSpan().SequenceEqual(nonce))
            return (false, "the report answers another nonce (replay)", "", "");
        if (report.ChannelPublicKey.Length != ReportDataBinding.ChannelKeySize)
            return (false, "the channel public key is not a 32-byte X25519 key", "", "");
        if (report.SigningPublicKey is not { Length: ReportDataBinding.SigningKeySize } signingKey)
            return (false, "no 32-byte Ed25519 message-signing key", "", "");
        var chain = AttestationChain.FromEncoded(report.VcekDer, report.AskDer, report.ArkDer);
        if (!chain.TryGet(out var parsed, out var chainError))
            return (false, chainError.ToString(), "", "");
        var policy = settings.Policy with { ExpectedReportData = [.. ReportDataBinding.Compute(node.Value, report.Provider, report.ChannelPublicKey, signingKey, nonce)] };
        var verdict = settings.Verifier.Verify(report.Report, parsed, policy);
        var measurement = verdict.Report?.Measurement.ToString() ?? "";
        var chip = verdict.Report is { } r ? Convert.ToHexStringLower(r.ChipId.AsSpan()) : "";
        return verdict.IsValid ? (true, "", measurement, chip) : (false, verdict.Error!.ToString(), measurement, chip);
    }
}

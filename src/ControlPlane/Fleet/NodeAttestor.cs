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
/// report over a fresh nonce of its own, verifies chain, measurement, policy, TCB and the
/// REPORT_DATA binding of the announced channel key, and records NodeAttested or
/// AttestationRejected(reason). A rejected node never receives a share.
/// </summary>
public sealed class NodeAttestor(IBus bus, FleetState state, AttestationSettings settings, FleetOptions options, TimeProvider time, ILogger<NodeAttestor> logger)
{
    public async Task<bool> AttestAsync(NodeId node, string provider, CancellationToken ct)
    {
        var nonce = RandomNumberGenerator.GetBytes(32);
        AttestationReported report;
        try
        {
            var client = bus.CreateRequestClient<AttestationRequested>(NodeAddress.Of(node, options.QueuePrefix), RequestTimeout.After(ms: (int)options.AttestationTimeout.TotalMilliseconds));
            var response = await client.GetResponse<AttestationReported>(new AttestationRequested(node, null, nonce), ct).ConfigureAwait(false);
            report = response.Message;
        }
        catch (RequestTimeoutException)
        {
            ControlPlaneLog.AttestationUnanswered(logger, node);
            return false;
        }

        var (ok, reason, measurement, chip) = Judge(report, node, nonce);
        object evt = ok
            ? new NodeAttested(node, provider, measurement, chip, time.GetUtcNow())
            : new AttestationRejected(node, provider, measurement, reason, time.GetUtcNow());
        await state.RecordAsync(evt, ct).ConfigureAwait(false);
        if (ok) state.LaunchMeasurementHex = measurement;
        state.Update(r => (r.WithAttestation(node, ok), 0));
        if (ok) ControlPlaneLog.NodeAttested(logger, node, provider);
        else ControlPlaneLog.AttestationRejected(logger, node, reason);
        return ok;
    }

    private (bool Ok, string Reason, string Measurement, string Chip) Judge(AttestationReported report, NodeId node, byte[] nonce)
    {
        if (report.Node != node)
            return (false, $"answer came from {report.Node}, not {node}", "", "");
        if (!report.Nonce.AsSpan().SequenceEqual(nonce))
            return (false, "the report answers another nonce (replay)", "", "");
        if (report.ChannelPublicKey.Length != ReportDataBinding.ChannelKeySize)
            return (false, "the channel public key is not a 32-byte X25519 key", "", "");
        var chain = AttestationChain.FromEncoded(report.VcekDer, report.AskDer, report.ArkDer);
        if (!chain.TryGet(out var parsed, out var chainError))
            return (false, chainError.ToString(), "", "");
        var policy = settings.Policy with { ExpectedReportData = [.. ReportDataBinding.Compute(report.ChannelPublicKey, nonce)] };
        var verdict = settings.Verifier.Verify(report.Report, parsed, policy);
        var measurement = verdict.Report?.Measurement.ToString() ?? "";
        var chip = verdict.Report is { } r ? Convert.ToHexStringLower(r.ChipId.AsSpan()) : "";
        return verdict.IsValid ? (true, "", measurement, chip) : (false, verdict.Error!.ToString(), measurement, chip);
    }
}

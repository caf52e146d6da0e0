using System.Collections.Concurrent;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.ControlPlane.Tsa;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>
/// Issuance journal for front tests: keeps every recorded token by serial and refuses a repeat.
/// <see cref="Hold"/> lets a test keep appends "not yet durable" to observe invariant 4.
/// </summary>
public sealed class InMemoryIssuanceJournal : IIssuanceJournal
{
    private readonly ConcurrentDictionary<string, SignedTimestamp> _bySerial = new();

    public TaskCompletionSource? Hold { get; set; }

    public bool Fail { get; set; }

    /// <summary>Answers "already issued" for every token (the repeated-serial path).</summary>
    public bool RefuseAll { get; set; }

    /// <summary>Completed when the first append arrives.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Appends;

    /// <summary>The signers of the last batch recorded (TokenIssued.Signers comes from them).</summary>
    public IReadOnlyList<NodeId> LastSigners { get; private set; } = [];

    public IReadOnlyCollection<SignedTimestamp> Recorded => [.. _bySerial.Values];

    public bool Contains(string serialHex) => _bySerial.ContainsKey(serialHex);

    public async Task<IReadOnlyList<bool>> RecordAsync(SignedBatch batch, CancellationToken cancellationToken)
    {
        var tokens = batch.Tokens;
        LastSigners = batch.Signers;
        Interlocked.Increment(ref Appends);
        Entered.TrySetResult();
        if (Hold is { } hold)
            await hold.Task.WaitAsync(cancellationToken);
        if (Fail)
            throw new IOException("audit log unreachable (test)");
        if (RefuseAll)
            return [.. tokens.Select(_ => false)];
        return [.. tokens.Select(t => _bySerial.TryAdd(t.Serial.ToHex(), t))];
    }
}

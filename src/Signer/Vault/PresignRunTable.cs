namespace CcTsa.Signer.Vault;

/// <summary>
/// A participant's open presigning runs of one epoch (<see cref="EcdsaEpochShare"/>), bounded per
/// coordinator: a run whose coordinator vanished must not pin secret memory, and one coordinator must
/// not be able to close another's runs. With one bound for all coordinators together, a node that
/// opened runs in a loop wiped every honest coordinator's run here before its step 2, and those runs
/// then failed against this honest node. Now a coordinator beyond <see cref="MaxPerCoordinator"/>
/// wipes only its own oldest run. An honest coordinator has at most one run per signer subset it
/// presigns for, and at most 6 subsets of 3 include both it and this node (its own: C(4,2) = 6).
/// </summary>
public sealed class PresignRunTable : IDisposable
{
    /// <summary>Most runs one coordinator has open here at once (6 subsets, and slack for a run's last answer in flight).</summary>
    public const int MaxPerCoordinator = 8;

    /// <summary>
    /// A run is wiped once a run opened this much later (a run takes seconds): the runs of a coordinator
    /// that vanished or restarted do not stay in secret memory until the share is replaced.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(2);

    private readonly Dictionary<RoundId, PresignRun> _runs = [];

    /// <summary>Open runs, all coordinators (tests, diagnostics).</summary>
    public int Count
    {
        get { lock (_runs) return _runs.Count; }
    }

    /// <summary>Opens a run, wiping its coordinator's oldest beyond <see cref="MaxPerCoordinator"/>; false when the id is taken.</summary>
    public bool Open(RoundId id, PresignRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_runs)
        {
            if (_runs.ContainsKey(id)) return false;
            foreach (var (staleId, stale) in _runs.Where(r => run.Started - r.Value.Started > MaxAge).ToList())
            {
                _runs.Remove(staleId);
                stale.Dispose();
            }
            var own = _runs.Where(r => r.Value.Coordinator == run.Coordinator).OrderBy(r => r.Value.Started).ToList();
            foreach (var (oldest, wiped) in own.Take(Math.Max(0, own.Count - MaxPerCoordinator + 1)))
            {
                _runs.Remove(oldest);
                wiped.Dispose();
            }
            _runs[id] = run;
            return true;
        }
    }

    /// <summary>The open run <paramref name="id"/> of <paramref name="coordinator"/>, if any.</summary>
    public PresignRun? Run(RoundId id, NodeId coordinator)
    {
        lock (_runs) return _runs.TryGetValue(id, out var r) && r.Coordinator == coordinator ? r : null;
    }

    /// <summary>Ends a run and wipes what is left of its sessions.</summary>
    public void Close(RoundId id)
    {
        PresignRun? run;
        lock (_runs) _runs.Remove(id, out run);
        run?.Dispose();
    }

    public void Dispose()
    {
        lock (_runs)
        {
            foreach (var r in _runs.Values) r.Dispose();
            _runs.Clear();
        }
    }
}

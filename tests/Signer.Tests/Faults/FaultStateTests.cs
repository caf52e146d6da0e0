using CcTsa.Contracts.Messages.Faults;
using CcTsa.Signer.Faults;

namespace CcTsa.Signer.Tests.Faults;

public class FaultStateTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");

    [Fact]
    public void Apply_without_fault_mode_is_refused_and_changes_nothing()
    {
        var faults = new FaultState(enabled: false);
        Assert.False(faults.Apply(new InjectFault(N1, FaultKind.ClockSkew, 1_000_000, [])));
        Assert.False(faults.Apply(new InjectFault(N1, FaultKind.DropPeers, 0, [N2])));
        Assert.Equal(TimeSpan.Zero, faults.Skew);
        Assert.False(faults.Drops(N2));
    }

    [Fact]
    public void Apply_in_fault_mode_sets_skew_and_drops_then_clear_removes_both()
    {
        var faults = new FaultState(enabled: true);
        Assert.True(faults.Apply(new InjectFault(N1, FaultKind.ClockSkew, 2_500, [])));
        Assert.True(faults.Apply(new InjectFault(N1, FaultKind.DropPeers, 0, [N2])));
        Assert.Equal(TimeSpan.FromMicroseconds(2_500), faults.Skew);
        Assert.True(faults.Drops(N2));
        Assert.False(faults.Drops(N1));
        Assert.True(faults.Apply(new InjectFault(N1, FaultKind.Clear, 0, [])));
        Assert.Equal(TimeSpan.Zero, faults.Skew);
        Assert.False(faults.Drops(N2));
    }
}

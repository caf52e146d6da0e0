using CcTsa.Contracts.Ids;
using CcTsa.Signer.Clock;

namespace CcTsa.Signer.Tests.Clock;

public sealed class NtsValidatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static NtsValidator Validator(ManualTimeProvider time) => new(
    [
        SimulatedNtsServer.Symmetric("nts-a", TimeSpan.FromMicroseconds(5), TimeSpan.FromMilliseconds(2)),
        SimulatedNtsServer.Symmetric("nts-b", TimeSpan.FromMicroseconds(-5), TimeSpan.FromMilliseconds(3)),
        new SimulatedNtsServer("nts-c", TimeSpan.Zero, TimeSpan.FromMicroseconds(300), TimeSpan.FromMicroseconds(700)),
        SimulatedNtsServer.Symmetric("nts-liar", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(2)),
    ], time);

    [Fact]
    public void Validate_names_the_falseticker_and_finds_the_clock_in_agreement()
    {
        var time = new ManualTimeProvider(Start);
        var clock = new SecureTscClock(time);
        var result = Validator(time).Validate(clock);
        Assert.True(result.HasMajority);
        Assert.Equal(["nts-liar"], result.Falsetickers);
        Assert.True(result.Offset.Duration() <= TimeSpan.FromMicroseconds(300));
    }

    [Fact]
    public void Validate_measures_an_injected_skew()
    {
        var time = new ManualTimeProvider(Start);
        var clock = new TrustedClock(NodeId.FromIndex(1), new SecureTscClock(time), nts: Validator(time), faultMode: true);
        clock.ApplyFaultSkew(TimeSpan.FromSeconds(2));
        var result = clock.ValidateAgainstNts();
        Assert.True(result.HasMajority);
        Assert.True((result.Offset + TimeSpan.FromSeconds(2)).Duration() <= TimeSpan.FromMilliseconds(1));
        Assert.False(clock.IsHealthy);
        clock.ClearFaultSkew();
        clock.ValidateAgainstNts();
        Assert.True(clock.IsHealthy);
    }
}

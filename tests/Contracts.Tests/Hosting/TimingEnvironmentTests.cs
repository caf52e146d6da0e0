using CcTsa.Contracts.Hosting;

namespace CcTsa.Contracts.Tests.Hosting;

public class TimingEnvironmentTests
{
    private static readonly TimeSpan Fallback = TimeSpan.FromSeconds(25);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Unset_variable_keeps_the_default(string? raw)
    {
        Assert.True(TimingEnvironment.TryParse("X", raw, Fallback, out var value, out var error));
        Assert.Equal(Fallback, value);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("3000", 3000)]
    [InlineData(" 250 ", 250)]
    [InlineData("86400000", 86_400_000)]
    public void Whole_milliseconds_are_read(string raw, long ms)
    {
        Assert.True(TimingEnvironment.TryParse("X", raw, Fallback, out var value, out _));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("3s")]
    [InlineData("86400001")]
    [InlineData("99999999999999999999999")]
    public void Malformed_value_is_an_error_naming_the_variable(string raw)
    {
        Assert.False(TimingEnvironment.TryParse(TimingEnvironment.HeartbeatTimeout, raw, Fallback, out var value, out var error));
        Assert.Equal(Fallback, value);
        Assert.Contains(TimingEnvironment.HeartbeatTimeout, error, StringComparison.Ordinal);
    }
}

using CcTsa.Signer.Coordinator;
using FsCheck;
using FsCheck.Xunit;

namespace CcTsa.Signer.Tests.Coordinator;

/// <summary>Serials embed their genTime, so a serial cannot be re-used with a later genTime.</summary>
public class TimedSerialTests
{
    private static DateTimeOffset At(long millis) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Abs(millis % 253_402_300_799_000L));

    [Property(MaxTest = 300)]
    public bool Serial_matches_its_own_genTime(long millis) => TimedSerial.Matches(TimedSerial.For(At(millis)), At(millis));

    [Property(MaxTest = 300)]
    public bool Serial_does_not_match_another_millisecond(long millis, PositiveInt shift) =>
        !TimedSerial.Matches(TimedSerial.For(At(millis)), At(millis).AddMilliseconds(shift.Get));

    [Property(MaxTest = 100)]
    public bool Serial_is_16_bytes_positive(long millis)
    {
        var serial = TimedSerial.For(At(millis));
        return serial.Value.Sign > 0 && serial.Value.GetByteCount(isUnsigned: true) == 16;
    }

    [Fact]
    public void Random_serial_of_the_old_format_is_not_accepted() =>
        Assert.False(TimedSerial.Matches(SerialNumber.NewRandom(), DateTimeOffset.UtcNow));
}

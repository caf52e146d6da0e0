using CcTsa.ControlPlane.Dashboard;

namespace CcTsa.ControlPlane.Tests.Dashboard;

public sealed class SseFrameTests
{
    [Fact]
    public void A_frame_has_its_id_event_and_one_data_line_per_payload_line_then_a_blank_line() =>
        Assert.Equal("id: 42\nevent: audit\ndata: {\"a\":1}\ndata: x\n\n", SseFrame.Format(42, "audit", "{\"a\":1}\r\nx"));

    [Fact]
    public void A_frame_without_id_leaves_the_last_event_id_alone() =>
        Assert.Equal("event: dashboard\ndata: {}\n\n", SseFrame.Format(null, "dashboard", "{}"));

    [Fact]
    public void An_event_name_on_two_lines_is_refused() =>
        Assert.Throws<ArgumentException>(() => SseFrame.Format(1, "a\nb", "{}"));
}

using System.CommandLine;
using CcTsa.Cli.Commands;
using CcTsa.ControlPlane.Alerting;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>`--alert-webhook` of `up` and `serve`: repeatable, http(s) or slack+http(s); a bad value is a usage error naming which one.</summary>
public sealed class AlertWebhookOptionTests
{
    [Theory]
    [InlineData("serve")]
    [InlineData("up")]
    public void A_webhook_that_is_not_an_http_url_exits_usage_naming_its_position(string verb)
    {
        var error = new StringWriter();
        string[] args = verb == "serve"
            ? ["serve", "--pg", "Host=127.0.0.1;Port=1", "--amqp", "amqp://guest:guest@127.0.0.1:1/", "--alert-webhook", "https://ok.example/a", "--alert-webhook", "ftp://files.example/x"]
            : ["up", "--data", Path.Combine(Path.GetTempPath(), "cctsa-never-created-" + Guid.NewGuid()), "--alert-webhook", "https://ok.example/a", "--alert-webhook", "ftp://files.example/x"];
        var exit = CctsaCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--alert-webhook #2 must be an absolute http:// or https:// URL", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_webhooks_keep_their_order_and_format_and_are_named_without_their_path()
    {
        Assert.True(AlertWebhookOption.TryResolve(["http://127.0.0.1:9093/hook", "slack+https://hooks.slack.example/services/T0/B0/SECRET"], out var targets, out var error), error);
        Assert.Equal([(1, WebhookFormat.Json), (2, WebhookFormat.Slack)], targets.Select(t => (t.Index, t.Format)));
        Assert.Equal("https://hooks.slack.example/services/T0/B0/SECRET", targets[1].Url.ToString());
        Assert.Equal("webhook 2 (hooks.slack.example:443)", targets[1].Name);
        Assert.DoesNotContain("SECRET", targets[1].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_webhook_means_no_receiver()
    {
        Assert.True(AlertWebhookOption.TryResolve(null, out var targets, out _));
        Assert.Empty(targets);
    }

    [Fact]
    public void Backoff_doubles_from_the_first_delay_up_to_the_cap()
    {
        var options = new AlertDeliveryOptions { FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) };
        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(1, 5).Select(a => options.DelayAfter(a).TotalSeconds));
    }
}

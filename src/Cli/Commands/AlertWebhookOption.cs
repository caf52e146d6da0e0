using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using CcTsa.ControlPlane.Alerting;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `--alert-webhook URL` of `up` and `serve`, repeatable: each receiver gets every alert-level
/// transition and incident opening/closing as JSON (with a Slack-compatible `text`), or
/// `slack+URL` for the `text` field alone. Absent: no alert is sent anywhere.
/// </summary>
public static class AlertWebhookOption
{
    public static Option<string[]> Create() => new("--alert-webhook")
    {
        Description = "POST alerts (cluster alert level, incidents opened/closed) as JSON to this URL; repeatable; slack+URL sends Slack's {\"text\"} only",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The receivers named (none when absent), or the usage error naming the bad one.</summary>
    public static bool TryResolve(string[]? values, out IReadOnlyList<WebhookTarget> targets, [NotNullWhen(false)] out string? error) =>
        WebhookTarget.TryParseAll(values, out targets, out error);
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CcTsa.ControlPlane.Alerting;

/// <summary>
/// One receiver of alerts, from <c>--alert-webhook URL</c> (JSON) or <c>--alert-webhook slack+URL</c>
/// (Slack <c>text</c> only). The URL is used for delivery only: logs and audit events name the
/// target by <see cref="Name"/> (position and host), because webhook paths are often secrets.
/// </summary>
public sealed record WebhookTarget(int Index, Uri Url, WebhookFormat Format)
{
    public const string SlackPrefix = "slack+";

    /// <summary>"webhook 1 (hooks.example.org:443)": no path, no query, no credentials.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"webhook {Index} ({Url.Host}:{Url.Port})");

    /// <summary>Parses the <paramref name="index"/>-th (1-based) <c>--alert-webhook</c> value; the error names it.</summary>
    public static bool TryParse(string? value, int index, [NotNullWhen(true)] out WebhookTarget? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        var text = value?.Trim() ?? "";
        var format = WebhookFormat.Json;
        if (text.StartsWith(SlackPrefix, StringComparison.OrdinalIgnoreCase))
        {
            format = WebhookFormat.Slack;
            text = text[SlackPrefix.Length..];
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"--alert-webhook #{index} must be an absolute http:// or https:// URL (optionally prefixed {SlackPrefix}), got '{Clip(value)}'");
            return false;
        }
        target = new WebhookTarget(index, url, format);
        error = null;
        return true;
    }

    /// <summary>All values in order; the first bad one is the error.</summary>
    public static bool TryParseAll(IEnumerable<string>? values, out IReadOnlyList<WebhookTarget> targets, [NotNullWhen(false)] out string? error)
    {
        var parsed = new List<WebhookTarget>();
        targets = parsed;
        error = null;
        var index = 0;
        foreach (var value in values ?? [])
        {
            if (!TryParse(value, ++index, out var target, out error)) return false;
            parsed.Add(target);
        }
        return true;
    }

    public override string ToString() => Name;

    // a malformed value may still hold a secret path: show only its start
    private static string Clip(string? value) => value is null ? "" : value.Length <= 24 ? value : value[..24] + "…";
}

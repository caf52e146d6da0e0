using System.Text.RegularExpressions;

namespace CcTsa.ControlPlane.Hosting;

/// <summary>
/// Control-plane instance ids (<c>cctsa serve --instance-id</c>): part of RabbitMQ queue names, so
/// lower-case letters, digits and '-', 1 to 32 characters.
/// </summary>
public static partial class InstanceIds
{
    /// <summary>A fresh id for an instance started without one ("cp-" and 8 hex digits).</summary>
    public static string New() => "cp-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Null when <paramref name="id"/> is usable, otherwise why not.</summary>
    public static string? Problem(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Shape().IsMatch(id)
            ? null
            : $"--instance-id '{id}' must be 1 to 32 lower-case letters, digits or '-' (it names this instance's queues)";
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex Shape();
}

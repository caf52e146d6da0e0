using System.Security.Cryptography;

namespace CcTsa.ControlPlane.Api.Access;

/// <summary>
/// One bearer token in a file: 32 random bytes as base64url text, created with mode 0600 (owner
/// read/write only) if absent and reused if present. The text is read back trimmed; the file is
/// the only place the token exists (the control plane keeps only its SHA-256).
/// </summary>
public static class ApiTokenFile
{
    public const string OperatorFileName = "operator-token";
    public const string AuditorFileName = "auditor-token";

    /// <summary>Random bytes per token (256 bits).</summary>
    public const int TokenBytes = 32;

    /// <summary>Shortest token accepted from a file given by the operator.</summary>
    public const int MinimumLength = 16;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A fresh token: 32 bytes from the OS CSPRNG, base64url without padding (43 characters).</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>Reads the token at <paramref name="path"/>, or creates it (mode 0600); true when it was created.</summary>
    public static bool LoadOrCreate(string path, out string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (File.Exists(path))
        {
            token = Read(path);
            return false;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        token = NewToken();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
            writer.Write(token + "\n");
        }
        catch (IOException) when (File.Exists(path))
        {
            // another process created it between the check and the create: use theirs
            token = Read(path);
            return false;
        }
        return true;
    }

    /// <summary>Reads a token file; a missing, unreadable, empty or too short file is an <see cref="InvalidDataException"/> naming the path.</summary>
    public static string Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"cannot read the token file {Path.GetFullPath(path)}: {e.Message}", e);
        }
        if (text.Length < MinimumLength || text.Any(char.IsWhiteSpace))
            throw new InvalidDataException($"the token file {Path.GetFullPath(path)} must hold one token of at least {MinimumLength} characters");
        return text;
    }

    /// <summary>True when group or others may read or write the file (it should be 0600).</summary>
    public static bool IsExposed(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(OwnerOnly | UnixFileMode.UserExecute)) != 0;

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

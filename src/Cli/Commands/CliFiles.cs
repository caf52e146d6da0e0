using CcTsa.Crypto.Pki;

namespace CcTsa.Cli.Commands;

/// <summary>File reading for CLI verbs: I/O errors become a usage error with the path, never a stack trace.</summary>
internal static class CliFiles
{
    public static byte[] ReadBytes(FileInfo file)
    {
        try
        {
            return File.ReadAllBytes(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"cannot read {file.FullName}: {e.Message}");
        }
    }

    /// <summary>Reads a DER file, or the first PEM block with <paramref name="label"/>.</summary>
    public static byte[] ReadDerOrPem(FileInfo file, string label)
    {
        var bytes = ReadBytes(file);
        if (bytes.Length > 0 && bytes[0] == 0x30)
            return bytes;
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        return Pem.TryDecode(text, label, out var der)
            ? der
            : throw new CliException(ExitCodes.Usage, $"{file.FullName} holds neither DER nor a PEM '{label}' block");
    }
}

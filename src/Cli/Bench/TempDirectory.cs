namespace CcTsa.Cli.Bench;

/// <summary>Removes a bench's temporary data directory; a leftover (file still held) is not worth failing the run for.</summary>
internal static class TempDirectory
{
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the report matters more than a temp folder; the OS cleans /tmp
        }
    }
}

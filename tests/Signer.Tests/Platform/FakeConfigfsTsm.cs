namespace CcTsa.Signer.Tests.Platform;

/// <summary>
/// A plain directory laid out as the kernel's configfs-tsm report tree, with the entry already
/// made: <c>provider</c>, <c>generation</c>, and an <c>outblob</c>/<c>auxblob</c> that serve the
/// given (genuine fixture) report and certificate table whatever REPORT_DATA is written.
/// </summary>
public sealed class FakeConfigfsTsm : IDisposable
{
    public FakeConfigfsTsm(byte[] report, byte[]? auxblob, string provider = "sev_guest", string entry = "cctsa")
    {
        Root = Directory.CreateTempSubdirectory("cctsa-tsm-").FullName;
        Entry = Path.Combine(Root, entry);
        Directory.CreateDirectory(Entry);
        File.WriteAllText(Path.Combine(Entry, "provider"), provider + "\n");
        File.WriteAllText(Path.Combine(Entry, "generation"), "1\n");
        File.WriteAllBytes(Path.Combine(Entry, "outblob"), report);
        if (auxblob is not null) File.WriteAllBytes(Path.Combine(Entry, "auxblob"), auxblob);
    }

    public string Root { get; }

    public string Entry { get; }

    /// <summary>What the code under test wrote as REPORT_DATA.</summary>
    public byte[] InBlob => File.ReadAllBytes(Path.Combine(Entry, "inblob"));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

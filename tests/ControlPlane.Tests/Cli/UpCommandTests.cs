using CcTsa.Cli.Commands;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Hosting;
using CcTsa.Contracts.Events.Incidents;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>Issue 14 item 8: `cctsa up` refuses a data folder recorded for another log, before anything starts.</summary>
[Collection(CliConsoleCollection.Name)]
public sealed class UpCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("cctsa-up-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Issue_14_up_over_a_folder_bound_to_another_log_exits_wrong_data_folder_naming_both_logs()
    {
        string genesis;
        await using (var log = await SqliteEventLog.OpenAsync(_data))
            genesis = (await log.AppendAsync([new IncidentOpened(IncidentId.New(), "bootstrap", "test", [], DateTimeOffset.UtcNow)]))[0].Hash.Hex;
        const string Other = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        await File.WriteAllTextAsync(LogIdentity.PathIn(_data), Other + "\n");
        var error = new StringWriter();

        var exit = await UpCommand.RunAsync(new HostSettings { Port = 1, DataDirectory = _data, Embedded = true, QuietConsole = true }, error, CancellationToken.None);

        Assert.Equal(ExitCodes.WrongDataFolder, exit);
        Assert.Contains(Other, error.ToString(), StringComparison.Ordinal);
        Assert.Contains(genesis, error.ToString(), StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(_data), error.ToString(), StringComparison.Ordinal);
        Assert.Equal(Other, LogIdentity.Read(LogIdentity.PathIn(_data)));
    }
}

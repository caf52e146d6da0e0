using CcTsa.Scenarios.Harness;
using CcTsa.Testing;

namespace CcTsa.Scenarios.Embedded;

/// <summary>
/// Issue 19's third way to start the CLI: `cctsa` and `cctsa-signer` packaged as .NET tools
/// (PackAsTool), installed from the packages just built, run by name; `cctsa` resolves relative paths against the folder it
/// is typed in. Packs the already-built configuration (--no-build) from a local-only NuGet source.
/// </summary>
public sealed class PackagedToolTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Packaged_cctsa_tool_installs_and_reads_paths_where_it_is_typed()
    {
        var work = Directory.CreateTempSubdirectory("cctsa-tool-").FullName;
        try
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var packages = Path.Combine(work, "packages");
            foreach (var (project, id) in new[] { ("src/Cli", "CcTsa.Cli"), ("src/Signer", "CcTsa.Signer") })
            {
                var (pack, packOutput) = await Shell.RunAsync($"dotnet pack {project} -c {configuration} --no-build -o '{packages}'", Fixtures.RepoRoot, Step);
                Assert.True(pack == 0 && Directory.EnumerateFiles(packages, id + ".*.nupkg").Any(), $"dotnet pack {project} failed ({pack}):\n{packOutput}");
            }

            // only the local package source: the install must not depend on (or pick up) anything published
            await File.WriteAllTextAsync(Path.Combine(work, "nuget.config"),
                $"<configuration><packageSources><clear /><add key=\"local\" value=\"{packages}\" /></packageSources></configuration>");
            foreach (var id in new[] { "CcTsa.Cli", "CcTsa.Signer" })
            {
                var (install, installOutput) = await Shell.RunAsync($"dotnet tool install --tool-path tools --configfile nuget.config {id}", work, Step);
                Assert.True(install == 0, $"dotnet tool install {id} failed ({install}):\n{installOutput}");
            }

            var shellFolder = Directory.CreateDirectory(Path.Combine(work, "where-i-type")).FullName;
            await File.WriteAllTextAsync(Path.Combine(shellFolder, "doc.txt"), "hello\n");
            var (help, helpOutput) = await Shell.RunAsync("../tools/cctsa --help", shellFolder, Step);
            Assert.True(help == 0 && helpOutput.Contains("verify", StringComparison.Ordinal), $"cctsa --help ({help}):\n{helpOutput}");
            var (signerHelp, signerOutput) = await Shell.RunAsync("../tools/cctsa-signer --help", shellFolder, Step);
            Assert.True(signerHelp == 0 && signerOutput.Contains("--provider", StringComparison.Ordinal), $"cctsa-signer --help ({signerHelp}):\n{signerOutput}");
            var (verify, verifyOutput) = await Shell.RunAsync("../tools/cctsa verify doc.txt missing.tsr", shellFolder, Step);
            Assert.Equal(2, verify);
            Assert.Contains($"cannot read {Path.Combine(shellFolder, "missing.tsr")}", verifyOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}

using CcTsa.ControlPlane.Api.Access;
using CcTsa.ControlPlane.Hosting;

namespace CcTsa.ControlPlane.Tests.Api;

/// <summary>The token files `up` and `serve` create: random, 0600, reused; and the constant-time role check.</summary>
public sealed class ApiTokenFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cctsa-tokens-").FullName;

    [Fact]
    public void The_data_folder_gets_two_distinct_random_tokens_readable_by_the_owner_only()
    {
        var credentials = ControlPlaneHost.LoadOrCreateCredentials(_dir);
        var op = File.ReadAllText(Path.Combine(_dir, "operator-token")).Trim();
        var au = File.ReadAllText(Path.Combine(_dir, "auditor-token")).Trim();

        Assert.Matches("^[A-Za-z0-9_-]{43}$", op); // 32 bytes, base64url without padding
        Assert.Matches("^[A-Za-z0-9_-]{43}$", au);
        Assert.NotEqual(op, au);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "operator-token")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "auditor-token")));
        }
        Assert.Equal((ApiRole.Operator, ApiRole.Auditor), (credentials.RoleOf(op), credentials.RoleOf(au)));
    }

    [Fact]
    public void Existing_token_files_are_reused_not_replaced()
    {
        var (op, au) = ApiCredentials.DefaultPaths(_dir);
        var (_, first) = ApiCredentials.LoadOrCreate(op, au);
        var token = File.ReadAllText(op);
        var (again, second) = ApiCredentials.LoadOrCreate(op, au);

        Assert.True(first.OperatorCreated && first.AuditorCreated);
        Assert.False(second.OperatorCreated || second.AuditorCreated);
        Assert.Equal(token, File.ReadAllText(op));
        Assert.Equal(ApiRole.Operator, again.RoleOf(token.Trim()));
        Assert.DoesNotContain(token.Trim(), string.Join("\n", second.Describe()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("operator-token-for-tests-012345678")]
    [InlineData("operator-token-for-tests-01234567890")]
    [InlineData("OPERATOR-TOKEN-FOR-TESTS-0123456789")]
    public void Anything_but_the_exact_token_proves_no_role(string? presented)
    {
        var credentials = new ApiCredentials(ApiHost.OperatorToken, ApiHost.AuditorToken);
        Assert.Equal(ApiRole.None, credentials.RoleOf(presented));
    }

    [Fact]
    public void A_too_short_or_empty_token_file_is_refused_naming_the_file()
    {
        var path = Path.Combine(_dir, "short");
        File.WriteAllText(path, "abc\n");
        var e = Assert.Throws<InvalidDataException>(() => ApiTokenFile.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

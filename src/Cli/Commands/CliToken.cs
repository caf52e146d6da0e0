using System.CommandLine;
using System.Net.Http.Headers;
using CcTsa.ControlPlane.Api.Access;

namespace CcTsa.Cli.Commands;

/// <summary>
/// The API bearer token of a CLI verb: `--token-file F`, else DATA/operator-token (the file `cctsa
/// up` and `cctsa serve` create; DATA is the verb's --data, default ./data). Only the token's file
/// path is ever printed, never the token.
/// </summary>
internal static class CliToken
{
    public static Option<string?> FileOption() => new("--token-file")
    {
        Description = "File holding the API bearer token (default DATA/operator-token, as created by `cctsa up` / `cctsa serve`)",
        Recursive = true,
    };

    /// <summary>
    /// The token to send: the given file (must exist), else DATA/operator-token when present. Null
    /// (no header) when neither is there and <paramref name="required"/> is false (audit reads on loopback).
    /// </summary>
    public static string? Resolve(string? tokenFile, string? dataDirectory, bool required)
    {
        var path = tokenFile ?? Path.Combine(dataDirectory ?? "./data", ApiTokenFile.OperatorFileName);
        if (tokenFile is null && !File.Exists(path))
        {
            if (!required) return null;
            throw new CliException(ExitCodes.Usage,
                $"no operator token: {Path.GetFullPath(path)} does not exist; pass --token-file FILE (or --data DIR of the running `cctsa up`/`serve`)");
        }
        try
        {
            return ApiTokenFile.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(ExitCodes.Usage, e.Message);
        }
    }

    /// <summary>Sets <c>Authorization: Bearer</c> on <paramref name="http"/> when there is a token.</summary>
    public static void Apply(HttpClient http, string? token)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
}

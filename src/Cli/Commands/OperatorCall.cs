using System.Net.Http.Json;
using System.CommandLine;

namespace CcTsa.Cli.Commands;

/// <summary>
/// One operator call to a running control plane: POST with the operator token (<see cref="CliToken"/>:
/// --token-file, else DATA/operator-token), prints the answer, and maps it to an exit code (2xx → 0,
/// 4xx → usage, anything else or unreachable → unavailable). Used by `cctsa fault …` and
/// `cctsa ca import --url`.
/// </summary>
internal static class OperatorCall
{
    public static async Task<int> PostAsync(ParseResult r, string? url, string? tokenFile, string? data, string path, object? body, CancellationToken ct)
    {
        var output = r.InvocationConfiguration.Output;
        var error = r.InvocationConfiguration.Error;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            await error.WriteLineAsync("--url must be an absolute http(s) URL").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        string? token;
        try
        {
            token = CliToken.Resolve(tokenFile, data, required: true);
        }
        catch (CliException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        CliToken.Apply(http, token);
        try
        {
            using var response = body is null
                ? await http.PostAsync(new Uri(path, UriKind.Relative), null, ct).ConfigureAwait(false)
                : await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, ct).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            await (response.IsSuccessStatusCode ? output : error).WriteLineAsync($"{(int)response.StatusCode} {text}").ConfigureAwait(false);
            return response.IsSuccessStatusCode ? ExitCodes.Ok : (int)response.StatusCode is >= 400 and < 500 ? ExitCodes.Usage : ExitCodes.Unavailable;
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"Cannot reach {baseUri}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
    }
}

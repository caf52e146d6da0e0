using System.CommandLine;
using System.Numerics;
using System.Security.Cryptography;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa request &lt;file&gt; [--hash sha256] [--policy NAME|OID] [--cert] [--url …] --out file.tsr`: hashes
/// the file, sends a TimeStampReq with a random nonce (and reqPolicy: a policy name of this TSA,
/// ecdsa-p384 or ed25519, or any dotted OID), checks the reply matches the request and writes it. Exit 0 granted, 1 rejected or mismatching reply, 2 bad usage, 3 TSA unreachable or
/// answering an HTTP error.
/// </summary>
public static class RequestCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The data file to time-stamp" };
        var hash = new Option<string>("--hash") { Description = "Imprint hash: sha256, sha384, sha512, sha3-256, sha3-384", DefaultValueFactory = _ => "sha256" };
        var policy = new Option<string?>("--policy") { Description = "Requested TSA policy: ecdsa-p384, ed25519 or a dotted OID (default: the TSA's default policy, see /api/policies)" };
        var cert = new Option<bool>("--cert") { Description = "Ask the TSA to include its certificate in the token" };
        var url = new Option<string>("--url") { Description = "TSA endpoint", DefaultValueFactory = _ => TsaClient.DefaultUrl };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the time-stamp response (.tsr)", Required = true };

        var command = new Command("request", "Request an RFC 3161 time-stamp for a file") { file, hash, policy, cert, url, output };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                if (!ImprintAlgorithms.TryFromName(parse.GetValue(hash)!, out var algorithm))
                    throw new CliException(ExitCodes.Usage, "--hash must be one of sha256, sha384, sha512, sha3-256, sha3-384");
                return await RunAsync(parse.GetValue(file)!, algorithm, PolicyOid(parse.GetValue(policy)), parse.GetValue(cert),
                    new TsaClient(parse.GetValue(url)!), parse.GetValue(output)!, ct).ConfigureAwait(false);
            }
            catch (CliException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return e.ExitCode;
            }
        });
        return command;
    }

    /// <summary>The OID for --policy: a policy name of this TSA, or a dotted OID passed on as given (another TSA's policy).</summary>
    public static string? PolicyOid(string? value)
    {
        if (value is null)
            return null;
        if (TsaPolicies.Find(value) is { } known)
            return known.Oid;
        if (value.Length > 0 && char.IsAsciiDigit(value[0]) && value.All(c => char.IsAsciiDigit(c) || c == '.'))
            return value;
        throw new CliException(ExitCodes.Usage,
            $"unknown policy '{value}': use {string.Join(" or ", TsaPolicies.All.Select(p => p.Name))} (or a dotted OID)");
    }

    private static async Task<int> RunAsync(FileInfo file, ImprintAlgorithm algorithm, string? policy, bool certReq, TsaClient client, FileInfo output, CancellationToken ct)
    {
        byte[] imprint;
        try
        {
            await using var data = file.OpenRead();
            imprint = ImprintAlgorithms.Hash(algorithm, data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"cannot read {file.FullName}: {e.Message}");
        }
        var nonceBytes = RandomNumberGenerator.GetBytes(8);
        nonceBytes[0] &= 0x7F;
        var nonce = new BigInteger(nonceBytes, isUnsigned: true, isBigEndian: true);
        byte[] request;
        try
        {
            request = TimeStampRequestEncoder.Encode(algorithm, imprint, policy, nonce, certReq);
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            throw new CliException(ExitCodes.Usage, "--policy must be a dotted OID such as 1.3.6.1.4.1.99999.1");
        }
        catch (ArgumentException)
        {
            throw new CliException(ExitCodes.Usage, "--policy must be a dotted OID such as 1.3.6.1.4.1.99999.1");
        }

        var (status, body, _) = await client.PostAsync(request, ct).ConfigureAwait(false);
        if (!TimeStampResponseReader.TryRead(body, out var response, out var error))
        {
            var exit = status == 200 ? ExitCodes.Invalid : ExitCodes.Unavailable;
            await Console.Error.WriteLineAsync($"error: the TSA answered HTTP {status} without a valid TimeStampResp ({error})").ConfigureAwait(false);
            return exit;
        }
        if (!response.IsGranted)
        {
            await Console.Error.WriteLineAsync($"rejected (HTTP {status}): {response.StatusName}" +
                (response.FailInfo is { } f ? $", failInfo {f} (bit {(int)f})" : "") + $": {response.StatusText}").ConfigureAwait(false);
            return status == 200 ? ExitCodes.Invalid : ExitCodes.Unavailable;
        }
        if (!TimeStampResponseReader.TryReadTstInfo(response.Token!.Value, out var info, out error))
        {
            await Console.Error.WriteLineAsync("error: " + error).ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
        if (info.Algorithm != algorithm || !info.HashedMessage.AsSpan().SequenceEqual(imprint) ||
            info.Nonce is not { } echoed || new BigInteger(echoed.AsSpan(), isBigEndian: true) != nonce)
        {
            await Console.Error.WriteLineAsync("error: the reply does not match the request (imprint or nonce differ)").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
        // RFC 3161 §2.4.2: the token's policy is the one requested
        if (policy is not null && info.Policy != policy)
        {
            await Console.Error.WriteLineAsync($"error: the TSA answered under policy {info.Policy}, not the requested {policy}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
        try
        {
            await File.WriteAllBytesAsync(output.FullName, body, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"cannot write {output.FullName}: {e.Message}");
        }
        Console.WriteLine($"granted: serial {info.Serial.ToHex()}, genTime {info.GenTime.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'}, policy {PolicyLabel(info.Policy)} -> {output.FullName}");
        return ExitCodes.Ok;
    }

    private static string PolicyLabel(string oid) => TsaPolicies.ByOid(oid) is { } known ? $"{known.Name} ({oid})" : oid;
}

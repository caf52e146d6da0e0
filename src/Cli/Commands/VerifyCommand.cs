using System.CommandLine;
using System.Globalization;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa verify &lt;file&gt; &lt;file.tsr&gt; [--ca ca.pem] [--crl file.crl] [--tsa-cert tsa.pem] [--url …]`:
/// full verification of a time-stamp token against the data it stamps. What is not given (CA,
/// TSA certificate of a token issued without certificates) is fetched from the TSA at --url: the
/// certificate of the token's policy (Ed25519 and ECDSA P-384 tokens each have their own).
/// Exit 0 valid, 1 invalid (with the reason), 2 unreadable input, 3 TSA unreachable.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The time-stamped data file" };
        var token = new Argument<FileInfo>("token") { Description = "The time-stamp response (.tsr) or token" };
        var ca = new Option<FileInfo?>("--ca") { Description = "CA certificate (PEM) to chain to; fetched from the TSA when absent" };
        var crl = new Option<FileInfo?>("--crl") { Description = "CRL of the CA (DER or PEM); applies the RFC 3161 §4 revocation rule" };
        var tsaCert = new Option<FileInfo?>("--tsa-cert") { Description = "TSA certificate (PEM), for tokens issued without certificates" };
        var url = new Option<string>("--url") { Description = "TSA endpoint, used to fetch missing certificates", DefaultValueFactory = _ => TsaClient.DefaultUrl };

        var command = new Command("verify", "Verify an RFC 3161 time-stamp token against its data") { file, token, ca, crl, tsaCert, url };
        command.SetAction(async (parse, ct) =>
        {
            var client = new TsaClient(parse.GetValue(url)!);
            try
            {
                return await RunAsync(parse.GetValue(file)!, parse.GetValue(token)!, parse.GetValue(ca), parse.GetValue(crl), parse.GetValue(tsaCert), client, ct).ConfigureAwait(false);
            }
            catch (CliException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return e.ExitCode;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, FileInfo tokenFile, FileInfo? caFile, FileInfo? crlFile, FileInfo? tsaCertFile, TsaClient client, CancellationToken ct)
    {
        var tokenDer = CliFiles.ReadBytes(tokenFile);
        var crlDer = crlFile is null ? null : CliFiles.ReadDerOrPem(crlFile, Pem.X509Crl);
        var tsaDer = tsaCertFile is null ? null : CliFiles.ReadDerOrPem(tsaCertFile, Pem.Certificate);
        byte[] caDer;
        if (caFile is not null)
            caDer = CliFiles.ReadDerOrPem(caFile, Pem.Certificate);
        else
        {
            Console.WriteLine($"note: no --ca given; fetching the CA certificate from {client.CertificatesBase}/ca.pem (trust it only if you trust this TSA)");
            caDer = await client.GetCertificateAsync("ca.pem", ct).ConfigureAwait(false);
        }

        var verdict = Verify(file, tokenDer, new TokenVerificationOptions(caDer, crlDer, tsaDer));
        if (verdict.Failure == VerificationFailure.SignerCertificateMissing && tsaDer is null)
        {
            var path = TsaCertificatePath(verdict.Details?.TstInfo.Policy);
            Console.WriteLine($"note: the token carries no certificate; fetching {client.CertificatesBase}/{path}");
            tsaDer = await client.GetCertificateAsync(path, ct).ConfigureAwait(false);
            verdict = Verify(file, tokenDer, new TokenVerificationOptions(caDer, crlDer, tsaDer));
        }
        Print(verdict);
        return verdict.IsValid ? ExitCodes.Ok : ExitCodes.Invalid;
    }

    /// <summary>Where the TSA serves the certificate of a token's policy: the FROST one at tsa.pem (as before policies), any other under policies/{name}/.</summary>
    public static string TsaCertificatePath(string? policyOid) =>
        TsaPolicies.ByOid(policyOid) is { } p && p != TsaPolicies.Ed25519 ? $"policies/{p.Name}/tsa.pem" : "tsa.pem";

    private static TokenVerdict Verify(FileInfo file, byte[] tokenDer, TokenVerificationOptions options)
    {
        try
        {
            using var data = file.OpenRead();
            return TokenVerifier.Verify(tokenDer, data, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"cannot read {file.FullName}: {e.Message}");
        }
    }

    private static void Print(TokenVerdict verdict)
    {
        if (verdict.Details is { } d)
        {
            var t = d.TstInfo;
            Console.WriteLine($"imprint:   {ImprintAlgorithms.Name(t.Algorithm)} {Convert.ToHexStringLower(t.HashedMessage.AsSpan())}");
            Console.WriteLine($"serial:    {t.Serial.ToHex()}");
            Console.WriteLine($"genTime:   {t.GenTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)}" +
                              (t.Accuracy is { } a ? $" (± {a.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms)" : ""));
            Console.WriteLine($"policy:    {t.Policy}{(TsaPolicies.ByOid(t.Policy) is { } p ? " (" + p.Name + ")" : "")}");
            if (t.Nonce is { } nonce)
                Console.WriteLine($"nonce:     {Convert.ToHexStringLower(nonce.AsSpan())}");
            Console.WriteLine($"signer:    {d.SignerSubject ?? "(unknown)"}{(d.Algorithm is { } alg ? " [" + AlgorithmName(alg) + "]" : "")}");
            Console.WriteLine($"epoch:     {(d.Epoch is { } e ? e.Number.ToString(CultureInfo.InvariantCulture) : "(not stated)")}");
        }
        foreach (var note in verdict.Notes)
            Console.WriteLine("note:      " + note);
        Console.WriteLine(verdict.IsValid ? "verdict:   VALID" : $"verdict:   INVALID ({verdict.Failure}): {verdict.Reason}");
    }

    private static string AlgorithmName(TokenSignatureAlgorithm algorithm) => algorithm switch
    {
        TokenSignatureAlgorithm.EcdsaP384Sha384 => "ecdsa-with-SHA384 (P-384)",
        TokenSignatureAlgorithm.Ed25519 => "Ed25519",
        TokenSignatureAlgorithm.MlDsa65 => "ML-DSA-65",
        _ => algorithm.ToString(),
    };
}

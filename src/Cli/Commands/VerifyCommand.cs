using System.CommandLine;
using System.Globalization;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa verify &lt;file&gt; &lt;file.tsr&gt; [--ca ca.pem] [--crl file.crl] [--tsa-cert tsa.pem] [--url …]`:
/// full verification of a time-stamp token against the data it stamps. What is not given (CA,
/// TSA certificate of a token issued without certificates) is fetched from the TSA at --url: the
/// certificate of the token's policy (Ed25519 and ECDSA P-384 tokens each have their own). A hybrid
/// token's two signatures are checked and reported each ("classical ecdsa-p384: ok", "post-quantum
/// ml-dsa-65: ok"); its ML-DSA-65 certificate comes from the token, `--pq-cert` or the TSA
/// (/certs/policies/ml-dsa-65/tsa.pem), and the token is valid only when both verify.
/// With `--log URL` the token must also be proven in the transparency log (<see cref="LogInclusionCheck"/>).
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
        var pqCert = new Option<FileInfo?>("--pq-cert") { Description = "ML-DSA-65 TSA certificate (PEM) of a hybrid token issued without certificates" };
        var url = new Option<string>("--url") { Description = "TSA endpoint, used to fetch missing certificates", DefaultValueFactory = _ => TsaClient.DefaultUrl };

        var log = new Option<string?>("--log") { Description = "Control plane URL (e.g. http://127.0.0.1:8318): also prove the token is in its transparency log under the latest signed head" };
        var tokenFile = CliToken.FileOption();
        var command = new Command("verify", "Verify an RFC 3161 time-stamp token against its data") { file, token, ca, crl, tsaCert, pqCert, url, log, tokenFile };
        command.SetAction(async (parse, ct) =>
        {
            var client = new TsaClient(parse.GetValue(url)!);
            try
            {
                return await RunAsync(parse.GetValue(file)!, parse.GetValue(token)!, parse.GetValue(ca), parse.GetValue(crl), parse.GetValue(tsaCert), parse.GetValue(pqCert), client,
                    parse.GetValue(log), parse.GetValue(tokenFile), ct).ConfigureAwait(false);
            }
            catch (CliException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return e.ExitCode;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, FileInfo tokenFile, FileInfo? caFile, FileInfo? crlFile, FileInfo? tsaCertFile, FileInfo? pqCertFile, TsaClient client,
        string? logUrl, string? apiTokenFile, CancellationToken ct)
    {
        var tokenDer = CliFiles.ReadBytes(tokenFile);
        var crlDer = crlFile is null ? null : CliFiles.ReadDerOrPem(crlFile, Pem.X509Crl);
        var tsaDer = tsaCertFile is null ? null : CliFiles.ReadDerOrPem(tsaCertFile, Pem.Certificate);
        var pqDer = pqCertFile is null ? null : CliFiles.ReadDerOrPem(pqCertFile, Pem.Certificate);
        byte[] caDer;
        if (caFile is not null)
            caDer = CliFiles.ReadDerOrPem(caFile, Pem.Certificate);
        else
        {
            Console.WriteLine($"note: no --ca given; fetching the CA certificate from {client.CertificatesBase}/ca.pem (trust it only if you trust this TSA)");
            caDer = await client.GetCertificateAsync("ca.pem", ct).ConfigureAwait(false);
        }

        var verdict = Verify(file, tokenDer, new TokenVerificationOptions(caDer, crlDer, tsaDer, pqDer));
        if (verdict.Failure == VerificationFailure.SignerCertificateMissing && tsaDer is null)
        {
            var path = TsaCertificatePath(verdict.Details?.TstInfo.Policy);
            Console.WriteLine($"note: the token carries no certificate; fetching {client.CertificatesBase}/{path}");
            tsaDer = await client.GetCertificateAsync(path, ct).ConfigureAwait(false);
            verdict = Verify(file, tokenDer, new TokenVerificationOptions(caDer, crlDer, tsaDer, pqDer));
        }
        if (verdict.PostQuantum?.Failure == VerificationFailure.SignerCertificateMissing && pqDer is null)
        {
            var path = TsaCertificatePath(TsaPolicies.MlDsa65.Oid);
            Console.WriteLine($"note: the token carries no ML-DSA-65 certificate; fetching {client.CertificatesBase}/{path}");
            pqDer = await client.GetCertificateAsync(path, ct).ConfigureAwait(false);
            verdict = Verify(file, tokenDer, new TokenVerificationOptions(caDer, crlDer, tsaDer, pqDer));
        }
        Print(verdict);
        if (!verdict.AllValid) return ExitCodes.Invalid;
        return logUrl is null ? ExitCodes.Ok : await LogInclusionCheck.RunAsync(logUrl, apiTokenFile, caDer, verdict.Details!.TstInfo, ct).ConfigureAwait(false);
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
        if (verdict.PostQuantum is { } pq)
        {
            // a hybrid token: each signature on its own line, so a broken half is never hidden by the other
            var classical = verdict.Details?.Algorithm is { } a ? SchemeName(a) : "classical";
            Console.WriteLine($"classical {classical}: {(verdict.IsValid ? "ok" : $"FAILED ({verdict.Failure}): {verdict.Reason}")}");
            Console.WriteLine($"post-quantum ml-dsa-65: {(pq.IsValid ? "ok" : $"FAILED ({pq.Failure}): {pq.Reason}")}");
            Console.WriteLine(verdict.AllValid ? "verdict:   VALID" : $"verdict:   INVALID ({(verdict.IsValid ? pq.Failure : verdict.Failure)}): {(verdict.IsValid ? "post-quantum: " + pq.Reason : verdict.Reason)}");
            return;
        }
        Console.WriteLine(verdict.IsValid ? "verdict:   VALID" : $"verdict:   INVALID ({verdict.Failure}): {verdict.Reason}");
    }

    private static string SchemeName(TokenSignatureAlgorithm algorithm) => algorithm switch
    {
        TokenSignatureAlgorithm.EcdsaP384Sha384 => "ecdsa-p384",
        TokenSignatureAlgorithm.Ed25519 => "ed25519",
        _ => algorithm.ToString(),
    };

    private static string AlgorithmName(TokenSignatureAlgorithm algorithm) => algorithm switch
    {
        TokenSignatureAlgorithm.EcdsaP384Sha384 => "ecdsa-with-SHA384 (P-384)",
        TokenSignatureAlgorithm.Ed25519 => "Ed25519",
        TokenSignatureAlgorithm.MlDsa65 => "ML-DSA-65",
        _ => algorithm.ToString(),
    };
}

using System.Diagnostics;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// Independent checks of an ECDSA-signed token: .NET's Rfc3161TimestampToken (signature over the
/// data, signer certificate) and the reference client `openssl ts -verify` against the query and
/// the CA. Neither shares code with the signers.
/// </summary>
internal static class TokenChecks
{
    public static async Task VerifyAsync(SignedTimestamp token, TimestampToSign request, byte[] data, byte[] certificateDer, byte[] caDer)
    {
        var tokenDer = TokenOf(token.ResponseDer);
        Assert.True(Rfc3161TimestampToken.TryDecode(tokenDer, out var decoded, out _), "token does not decode");
        using var certificate = X509CertificateLoader.LoadCertificate(certificateDer);
        Assert.True(decoded!.VerifySignatureForData(data, out var signer, [certificate]), ".NET rejects the token signature");
        Assert.Equal(certificate.Thumbprint, signer!.Thumbprint);
        Assert.Equal("1.2.840.10045.4.3.3", new SignedCms().Let(c => c.Decode(tokenDer)).SignerInfos[0].SignatureAlgorithm.Value);

        var dir = Directory.CreateTempSubdirectory("cctsa-ecdsa-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(dir, "r.tsr"), token.ResponseDer);
            await File.WriteAllBytesAsync(Path.Combine(dir, "q.tsq"), request.RequestDer);
            await File.WriteAllTextAsync(Path.Combine(dir, "ca.pem"), Pem(caDer));
            await File.WriteAllTextAsync(Path.Combine(dir, "tsa.pem"), Pem(certificateDer));
            var (code, text) = await RunAsync("openssl", "ts", "-verify", "-queryfile", Path.Combine(dir, "q.tsq"), "-in", Path.Combine(dir, "r.tsr"),
                "-CAfile", Path.Combine(dir, "ca.pem"), "-untrusted", Path.Combine(dir, "tsa.pem"));
            Assert.True(code == 0 && text.Contains("Verification: OK", StringComparison.Ordinal), "openssl ts -verify: " + text);
        }
        finally { Directory.Delete(dir, true); }
    }

    private static T Let<T>(this T value, Action<T> act)
    {
        act(value);
        return value;
    }

    /// <summary>The timeStampToken (ContentInfo) inside a TimeStampResp.</summary>
    private static byte[] TokenOf(byte[] response)
    {
        var resp = new AsnReader(response, AsnEncodingRules.DER).ReadSequence();
        resp.ReadSequence();                                 // PKIStatusInfo
        return resp.ReadEncodedValue().ToArray();
    }

    private static string Pem(byte[] der) => new string(PemEncoding.Write("CERTIFICATE", der));

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}

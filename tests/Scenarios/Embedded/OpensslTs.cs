using System.Diagnostics;

namespace CcTsa.Scenarios.Embedded;

/// <summary>Makes real RFC 3161 requests with `openssl ts -query` (the client every TSA must serve).</summary>
internal static class OpensslTs
{
    public static async Task<byte[]> QueryAsync(string dataFile, string workDirectory, string? policyOid = null)
    {
        var output = Path.Combine(workDirectory, Guid.NewGuid().ToString("N") + ".tsq");
        var psi = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "ts", "-query", "-data", dataFile, "-sha256", "-cert", "-out", output }) psi.ArgumentList.Add(a);
        if (policyOid is not null)
        {
            psi.ArgumentList.Add("-tspolicy");
            psi.ArgumentList.Add(policyOid);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("openssl did not start");
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, "openssl ts -query failed: " + stderr);
        return await File.ReadAllBytesAsync(output);
    }
}

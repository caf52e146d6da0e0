using System.CommandLine;
using CcTsa.Cli.Commands;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>Option errors of `cctsa serve` are usage errors, caught before the store or bus is opened.</summary>
public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("3.0.20")]
    [InlineData("3.0.20.256")]
    [InlineData("bl=3,tee=0,snp=20,ucode=209")]
    [InlineData("3.0.-1.209")]
    public void Min_tcb_not_in_dotted_form_exits_usage_naming_the_format(string tcb)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CctsaCli.Build().Parse(["serve", "--pg", "Host=127.0.0.1;Port=1", "--amqp", "amqp://guest:guest@127.0.0.1:1/", "--min-tcb", tcb])
            .Invoke(new InvocationConfiguration { Output = output, Error = error });
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("BL.TEE.SNP.UCODE", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("up")]
    public void Unknown_default_policy_exits_usage_naming_the_policies(string verb)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = verb == "serve"
            ? ["serve", "--pg", "Host=127.0.0.1;Port=1", "--amqp", "amqp://guest:guest@127.0.0.1:1/", "--default-policy", "rsa-2048"]
            : ["up", "--data", Path.Combine(Path.GetTempPath(), "cctsa-never-created-" + Guid.NewGuid()), "--default-policy", "rsa-2048"];
        var exit = CctsaCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("unknown policy 'rsa-2048'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("ecdsa-p384 (" + CcTsa.Crypto.Pki.TsaPolicies.EcdsaP384.Oid + ")", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "ecdsa-p384")]
    [InlineData("ecdsa-p384", "ecdsa-p384")]
    [InlineData("2.25.170080572847273149973399383055229409230.3.1", "ed25519")]
    public void Default_policy_resolves_by_name_or_oid(string? given, string expected)
    {
        Assert.True(DefaultPolicyOption.TryResolve(given, out var policy, out _));
        Assert.Equal(expected, policy.Name);
    }
}

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
}

using System.CommandLine;
using CcTsa.Cli.Commands;
using CcTsa.ControlPlane.Hosting;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>`cctsa serve --instance-id`: part of queue names, so a bad one is a usage error naming it, before anything is opened.</summary>
public sealed class InstanceIdOptionTests
{
    [Theory]
    [InlineData("CP-1")]
    [InlineData("cp 1")]
    [InlineData("-cp")]
    [InlineData("cp.1")]
    [InlineData("a-very-long-instance-id-beyond-32-chars")]
    public void A_bad_instance_id_exits_usage_naming_it(string id)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CctsaCli.Build().Parse(["serve", "--pg", "Host=127.0.0.1;Port=1", "--amqp", "amqp://guest:guest@127.0.0.1:1/", "--instance-id", id])
            .Invoke(new InvocationConfiguration { Output = output, Error = error });
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains($"--instance-id '{id}'", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cp-1")]
    [InlineData("a")]
    [InlineData("eu-west-2-controlplane-0001")]
    public void Queue_safe_ids_are_accepted(string id) => Assert.Null(InstanceIds.Problem(id));

    [Fact]
    public void A_fresh_id_is_queue_safe_and_new_each_time()
    {
        var (a, b) = (InstanceIds.New(), InstanceIds.New());
        Assert.Null(InstanceIds.Problem(a));
        Assert.NotEqual(a, b);
    }
}

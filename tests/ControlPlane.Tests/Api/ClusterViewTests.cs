using System.Text.Json;
using CcTsa.ControlPlane.Api;
using CcTsa.ControlPlane.EventStore;

namespace CcTsa.ControlPlane.Tests.Api;

public class ClusterViewTests
{
    [Fact]
    public void ClusterView_serializes_with_exactly_the_specified_fields()
    {
        var view = new ClusterView("Healthy", 1, "ab", [new ClusterNodeView("n1", "azure", true, true, true, true, false)]);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = EventCodec.Options.PropertyNamingPolicy };
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(view, options));
        Assert.Equal(["state", "epoch", "publicKey", "nodes", "publicKeys"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["id", "provider", "online", "attested", "holdsShare", "clockHealthy", "excluded", "secureTsc"],
            doc.RootElement.GetProperty("nodes")[0].EnumerateObject().Select(p => p.Name));
    }
}

using System.Net;
using System.Text.Json;
using CcTsa.ControlPlane.Dashboard;
using CcTsa.ControlPlane.Tests.Api;

namespace CcTsa.ControlPlane.Tests.Dashboard;

/// <summary>Issue 18: the page and its assets come from the binary, under a same-origin-only policy; /api/dashboard is public.</summary>
public sealed class DashboardAssetsTests
{
    [Fact]
    public void The_page_its_modules_styles_and_uplot_with_its_licence_are_embedded() =>
        Assert.Subset(DashboardAssets.Files().ToHashSet(StringComparer.Ordinal),
            new HashSet<string>(["index.html", "dashboard.css", "js/main.js", "js/stream.js", "vendor/uplot/uPlot.iife.min.js", "vendor/uplot/uPlot.min.css", "vendor/uplot/LICENSE"], StringComparer.Ordinal));

    [Fact]
    public async Task Issue_18_dashboard_is_served_with_a_same_origin_policy_off_loopback_without_a_token()
    {
        await using var host = await ApiHost.StartAsync(listen: "0.0.0.0");
        using var http = host.Client();

        using var page = await http.GetAsync("/dashboard");
        using var script = await http.GetAsync("/dashboard/vendor/uplot/uPlot.iife.min.js");
        using var view = await http.GetAsync("/api/dashboard");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("/dashboard/js/main.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        using var json = JsonDocument.Parse(await view.Content.ReadAsStringAsync());
        Assert.Equal(1, json.RootElement.GetProperty("epoch").GetInt32());
        Assert.Equal(899, json.RootElement.GetProperty("series").GetArrayLength());
        Assert.Contains("node_lost", json.RootElement.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("/dashboard/nope.js")]
    [InlineData("/dashboard/vendor/uplot/LICENSE")]
    [InlineData("/dashboard/index.html.bak")]
    public async Task A_file_the_dashboard_does_not_serve_is_a_404_problem(string path)
    {
        await using var host = await ApiHost.StartAsync();
        using var http = host.Client();

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

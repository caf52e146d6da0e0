using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CcTsa.Dashboard.Tests;

/// <summary>
/// Issue 18: the runbook dashboard in real Chromium against a running `cctsa up --faults`. The tests
/// share one cluster and run one after another (one class); each starts from Healthy and leaves the
/// cluster Healthy again. Waits are bounds on the cluster's recovery, never timed assertions.
/// </summary>
public sealed class DashboardTests(DashboardCluster cluster) : IClassFixture<DashboardCluster>
{
    private const float Recovery = 240_000; // ms: a redistribution or refresh ceremony on a loaded 2-core machine
    private const float Reaction = 90_000;  // ms: a heartbeat timeout plus the runbook engine's pass

    [Fact]
    public async Task Issue_18_healthy_with_five_nodes_a_killed_node_turns_it_degraded_with_its_runbook_without_reload_then_healthy()
    {
        await using var tab = await cluster.OpenAsync();
        var page = tab.Page;
        await Expect(tab.State).ToHaveTextAsync("Healthy", new() { Timeout = Recovery });
        await Expect(page.Locator("#nodes tbody tr")).ToHaveCountAsync(5);
        await Expect(page.Locator("#live")).ToHaveTextAsync("● live");
        await Expect(page.Locator("#chain")).ToContainTextAsync("chain verified");
        await Expect(page.Locator("#alert")).ToHaveTextAsync("alert: None");

        await cluster.StampAsync(40);

        // the plot, fed live by the stream, counts them once their second is complete
        await page.WaitForFunctionAsync("() => Number(document.getElementById('plot-issuance').dataset.tokens) >= 40", null, new() { Timeout = Reaction });
        await tab.ScreenshotAsync("dashboard-healthy.png");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        await cluster.FaultAsync("/api/faults/n5/kill");

        await Expect(tab.State).ToHaveTextAsync("Degraded", new() { Timeout = Reaction });
        await Expect(page.Locator("#alert")).ToHaveTextAsync("alert: Warning");
        var incident = page.Locator("#incidents article.incident[data-kind='nodeLost']:not(.resolved)");
        await Expect(incident).ToBeVisibleAsync(new() { Timeout = Reaction });
        await Expect(incident.Locator("ol.runbook li")).ToHaveCountAsync(5);
        await Expect(incident.Locator(".operator")).ToContainTextAsync("Start a replacement");
        await Expect(tab.Node("n5").Locator("[data-field='online']")).ToHaveTextAsync("no");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        await tab.ScreenshotAsync("dashboard-degraded.png");
        await incident.ScreenshotAsync(new() { Path = Screenshots.PathOf("dashboard-incident.png") });

        // the operator starts the replacement from the page (embedded mode), with the token asked once
        await tab.EnterOperatorTokenAsync(cluster.OperatorToken);
        await page.ClickAsync("#node-n5 button[data-action='Start replacement']");
        await Expect(page.Locator("#action-result")).ToContainTextAsync("Start replacement n5: accepted");

        await Expect(tab.State).ToHaveTextAsync("Healthy", new() { Timeout = Recovery });
        await Expect(tab.Node("n5").Locator("[data-field='share']")).ToHaveTextAsync("yes", new() { Timeout = Recovery });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Issue_18_a_skewed_clock_shows_its_offset_out_of_the_band_and_clear_fault_brings_it_back()
    {
        await using var tab = await cluster.OpenAsync();
        var page = tab.Page;
        await Expect(tab.State).ToHaveTextAsync("Healthy", new() { Timeout = Recovery });
        var clock = tab.Node("n3").Locator("[data-field='clock']");
        await Expect(clock).ToHaveAttributeAsync("data-out-of-band", "false", new() { Timeout = Reaction });

        // three seconds (as the clock-drift scenario): outside the 50 µs band even with a loaded machine's probe uncertainty
        await cluster.FaultAsync("/api/faults/n3/skew?offsetMicros=3000000");

        await Expect(clock).ToHaveAttributeAsync("data-out-of-band", "true", new() { Timeout = Reaction });
        await Expect(clock).ToContainTextAsync("out of band");
        await Expect(page.Locator("#plot-clock .u-legend")).ToContainTextAsync("n3");
        await Expect(page.Locator("#plot-clock .u-legend")).ToContainTextAsync("+tolerance");

        await tab.EnterOperatorTokenAsync(cluster.OperatorToken);
        await page.ClickAsync("#node-n3 button[data-action='Clear fault']");
        await Expect(page.Locator("#action-result")).ToContainTextAsync("Clear fault n3: accepted");
        await Expect(clock).ToHaveAttributeAsync("data-out-of-band", "false", new() { Timeout = Reaction });
        await Expect(tab.State).ToHaveTextAsync("Healthy", new() { Timeout = Recovery });
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Issue_18_the_event_list_filters_by_type_node_and_text_and_exports_the_filtered_range_as_jsonl()
    {
        await using var tab = await cluster.OpenAsync();
        var page = tab.Page;
        var rows = page.Locator("#events tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();

        await page.FillAsync("#f-type", "node_attested");
        await page.FillAsync("#f-node", "n2");
        await page.ClickAsync("#f-apply");

        await Expect(page.Locator("#events tbody tr[data-type='node_attested']").First).ToBeVisibleAsync();
        await Expect(page.Locator("#events tbody tr:not([data-type='node_attested'])")).ToHaveCountAsync(0);
        foreach (var data in await page.Locator("#events tbody td.data").AllTextContentsAsync())
            Assert.Contains("\"n2\"", data, StringComparison.Ordinal);

        await page.FillAsync("#f-type", "key_epoch_activated");
        await page.FillAsync("#f-node", "");
        await page.ClickAsync("#f-apply");

        await Expect(page.Locator("#events tbody tr[data-type='key_epoch_activated']").First).ToBeVisibleAsync();
        await Expect(page.Locator("#events tbody tr:not([data-type='key_epoch_activated'])")).ToHaveCountAsync(0);

        // text, then the JSONL export of exactly the filtered range
        await page.FillAsync("#f-type", "node_attested");
        await page.FillAsync("#f-text", "\"n4\"");
        await page.ClickAsync("#f-apply");
        await Expect(page.Locator("#events tbody tr[data-type='node_attested']").First).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#f-export"));
        Assert.Equal("cctsa-events.jsonl", download.SuggestedFilename);
        var lines = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var e = System.Text.Json.JsonDocument.Parse(line);
            Assert.Equal("node_attested", e.RootElement.GetProperty("type").GetString());
            Assert.Contains("\"n4\"", e.RootElement.GetProperty("data").GetRawText(), StringComparison.Ordinal);
            Assert.True(e.RootElement.TryGetProperty("hash", out _), "an exported event keeps its hash");
        }
        Assert.Equal(lines.Length, await page.Locator("#events tbody tr").CountAsync());
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Issue_18_report_compromise_without_a_token_is_refused_saying_why_and_with_it_the_incident_starts()
    {
        await using var tab = await cluster.OpenAsync();
        var page = tab.Page;
        await Expect(tab.State).ToHaveTextAsync("Healthy", new() { Timeout = Recovery });
        await page.FillAsync("#compromise-nodes", "n2");
        await page.FillAsync("#compromise-reason", "dashboard test: suspected share leak");

        await page.ClickAsync("#compromise-button");

        await Expect(page.Locator("#action-result")).ToContainTextAsync("Refused (HTTP 401)");
        await Expect(page.Locator("#action-result")).ToContainTextAsync("operator token");
        await Expect(page.Locator("#token-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#incidents article.incident[data-kind='compromise']")).ToHaveCountAsync(0);

        await page.FillAsync("#token-input", cluster.OperatorToken);
        await page.ClickAsync("#token-save");
        await page.ClickAsync("#compromise-button");

        await Expect(page.Locator("#action-result")).ToContainTextAsync("Compromise reported: incident");
        await Expect(page.Locator("#incidents article.incident[data-kind='compromise']").First).ToBeVisibleAsync(new() { Timeout = Reaction });
        // below t: a proactive refresh, then Healthy again with the same key
        await Expect(tab.State).ToHaveTextAsync("Healthy", new() { Timeout = Recovery });
        // the refused call is the one console line Chromium writes for it (a failed resource load); nothing else
        var errors = tab.ConsoleErrors;
        Assert.Single(errors);
        Assert.Contains("401", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_18_at_phone_width_nothing_overflows_and_every_control_is_reached_by_keyboard()
    {
        await using var tab = await cluster.OpenAsync(width: 390, height: 844);
        var page = tab.Page;
        await Expect(page.Locator("#nodes tbody tr")).ToHaveCountAsync(5);
        await Expect(page.Locator("#events tbody tr").First).ToBeVisibleAsync();

        var sideways = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        // names the elements that stick out, so a failure says what to fix
        var overflowing = await page.EvaluateAsync<string>(@"() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap'))
            .slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ') + ' | ' + document.documentElement.scrollWidth + '/' + window.innerWidth + ' ' + [...document.querySelectorAll('.table-wrap')].map(w => getComputedStyle(w).overflowX + ':' + Math.round(w.getBoundingClientRect().right) + ':' + w.scrollWidth).join(',') + ' text: ' + (() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); const out = []; let n; while ((n = w.nextNode())) { const r = document.createRange(); r.selectNodeContents(n); const b = r.getBoundingClientRect(); if (b.right > window.innerWidth + 1 && !n.parentElement.closest('.table-wrap')) out.push(n.parentElement.tagName + '#' + n.parentElement.id + ':' + n.textContent.slice(0, 30) + ':' + Math.round(b.right)); } return out.slice(0, 6).join('; '); })()");
        Assert.False(sideways, "the page scrolls sideways at phone width: " + overflowing);

        var reached = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 80 && !reached.Contains("f-export"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await page.EvaluateAsync<string>("() => document.activeElement?.id || ''"));
        }
        Assert.Contains("token-button", reached);
        Assert.Contains("compromise-button", reached);
        Assert.Contains("f-apply", reached);
        Assert.Contains("f-export", reached);
        Assert.Empty(tab.ConsoleErrors);
    }
}

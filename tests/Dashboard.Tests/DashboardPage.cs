using Microsoft.Playwright;

namespace CcTsa.Dashboard.Tests;

/// <summary>One browser tab on /dashboard and the console errors it logged (messages of type error and uncaught page errors).</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    public DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, m) => { if (m.Type == "error") lock (_errors) _errors.Add(m.Text); };
        page.PageError += (_, e) => { lock (_errors) _errors.Add("page error: " + e); };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors
    {
        get { lock (_errors) return [.. _errors]; }
    }

    public ILocator State => Page.Locator("#state");

    public ILocator Node(string id) => Page.Locator($"#node-{id}");

    /// <summary>Keeps the operator token in this tab, through the page's own token form.</summary>
    public async Task EnterOperatorTokenAsync(string token)
    {
        await Page.ClickAsync("#token-button");
        await Page.SelectOptionAsync("#token-kind", "operator");
        await Page.FillAsync("#token-input", token);
        await Page.ClickAsync("#token-save");
    }

    public async Task ScreenshotAsync(string fileName) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf(fileName), FullPage = false });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}

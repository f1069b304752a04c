using Microsoft.Playwright;

namespace Learn.Admin.Tests.Support;

/// <summary>
/// One site and one Chromium per test class (<c>IClassFixture</c>); each test opens its own
/// browser context (own cookies) with <see cref="NewPageAsync"/>. Debian's /usr/bin/chromium is
/// used: Playwright's own browser download cannot work here.
/// </summary>
public class AdminBrowser : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public AdminFactory Site { get; } = new();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public virtual async Task InitializeAsync()
    {
        await Site.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh context (no cookies) and page, in Chinese, at a laptop's size.</summary>
    public async Task<IPage> NewPageAsync(AdminFactory? site = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (site ?? Site).Address.ToString().TrimEnd('/'),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await Site.DisposeAsync();
    }
}

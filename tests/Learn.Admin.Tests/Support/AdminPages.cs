using Microsoft.Playwright;

namespace Learn.Admin.Tests.Support;

/// <summary>What tests do on the site as a person would: sign in through the form, keep screenshots.</summary>
public static class AdminPages
{
    public static async Task SignInAsync(this IPage page, string userName, string password = AdminWorld.Password, bool open = true)
    {
        if (open) await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.ClickAndWaitForPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "登录" }));
    }

    public static async Task SignOutAsync(this IPage page) =>
        await page.ClickAndWaitForPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }));

    /// <summary>Clicks a submit button and waits for the page that answers (after any redirect).</summary>
    public static async Task ClickAndWaitForPageAsync(this IPage page, ILocator button)
    {
        await page.RunAndWaitForResponseAsync(() => button.ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Status is < 300 or >= 400);
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>A full-page PNG under artifacts/screenshots/ at the repository root (git-ignored).</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        var dir = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    /// <summary>The status of a GET the browser makes by typing the URL (URL guessing).</summary>
    public static async Task<int> StatusOfAsync(this IPage page, string url) =>
        (await page.GotoAsync(url))?.Status ?? 0;

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Learn.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Learn.sln not found above the test binaries.");
    }
}

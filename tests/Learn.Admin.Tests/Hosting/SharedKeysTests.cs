using Learn.Admin.Tests.Support;
using System.Globalization;
using Learn.Core.DataProtection;
using Learn.Core.Invitations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Hosting;

/// <summary>Two instances of the site on one database: the key ring lives there, so either instance opens the other's cookie and form tokens.</summary>
public class SharedKeysTests : IAsyncLifetime
{
    private readonly AdminBrowser _browser = new();
    private AdminFactory _second = null!;

    public async Task InitializeAsync()
    {
        await _browser.InitializeAsync();
        _second = new AdminFactory(shareWith: _browser.Site);
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _browser.DisposeAsync();
    }

    [Fact]
    public async Task A_sign_in_on_one_instance_is_honoured_by_another_and_its_forms_post_there()
    {
        var w = await AdminWorld.ArrangeAsync(_browser.Site);
        var page = await _browser.NewPageAsync();
        await page.SignInAsync(w.Admin1);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("仪表盘");

        // A form rendered by the first instance, with its antiforgery token...
        await page.GotoAsync("/Invitations");
        var token = await page.Locator("form[action*=Issue] input[name=__RequestVerificationToken]").InputValueAsync();

        // ...posted to the second instance with the same browser cookies (cookies are per host, not per port).
        var api = page.Context.APIRequest;
        var response = await api.PostAsync($"{_second.Address}Invitations?handler=Issue", new()
        {
            Form = api.CreateFormData().Set("__RequestVerificationToken", token)
                .Set("Input.OrganizationId", w.Branch1.Id.ToString(CultureInfo.InvariantCulture))
                .Set("Input.ValidDays", "14").Set("Input.MaxUses", "50"),
            MaxRedirects = 0,
        });

        response.Status.ShouldBe(302); // accepted: the Post-Redirect-Get back to the list
        var codes = await _second.WithDbAsync(db => db.Set<InvitationCode>().CountAsync(c => c.OrganizationId == w.Branch1.Id));
        codes.ShouldBe(1);
        // And the second instance renders signed-in pages for the first instance's cookie.
        await page.GotoAsync($"{_second.Address}Invitations");
        await Assertions.Expect(page.Locator("#codes")).ToContainTextAsync("第一党支部");
        var keys = await _second.WithDbAsync(db => db.Set<DataProtectionKey>().CountAsync());
        keys.ShouldBe(1); // one ring for both instances, not one key each
    }
}

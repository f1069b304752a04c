using System.Net;
using System.Net.Http.Json;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.TestSupport;

namespace Learn.Api.Tests.Hosting;

/// <summary>
/// Learn.Api faces the internet: the organiser API (sign-in included) lives on Learn.Admin only (ADR 0800).
/// Here every organiser path answers 404, even for a real organiser's correct password.
/// </summary>
public class NoOrganiserSurfaceTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("GET", "/api/admin/auth/me")]
    [InlineData("GET", "/api/admin/members")]
    [InlineData("GET", "/api/admin/organizations")]
    [InlineData("GET", "/api/admin/roster/export?format=csv")]
    [InlineData("GET", "/api/admin/invitation-codes")]
    [InlineData("POST", "/api/admin/organizers")]
    [InlineData("GET", "/api/admin/openapi.json")]
    public async Task Organiser_paths_are_not_found(string method, string path)
    {
        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Organiser_sign_in_is_not_found_even_with_the_right_password()
    {
        var userName = "sup" + Guid.NewGuid().ToString("N")[..8];
        await factory.WithDbAsync(db => db.AddOrganizerAsync(userName, OrganizerRole.SuperAdmin, (Organization?)null));
        var response = await factory.CreateClient().PostAsJsonAsync("/api/admin/auth/sign-in", new { userName, password = OrganizerTestData.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("accessToken");
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Learn.Admin.Tests.Support;

namespace Learn.Admin.Tests.Api;

/// <summary>
/// The organiser API on the admin host: its own OpenAPI document, and problem details (not the site's HTML
/// error pages) for programs that call it.
/// </summary>
public class AdminApiHostingTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    [Fact]
    public async Task The_organiser_openapi_document_lists_organiser_operations_only()
    {
        var response = await factory.CreateClient().GetAsync("/api/admin/openapi.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.ShouldAllBe(p => p.StartsWith("/api/admin/"));
        paths.ShouldContain("/api/admin/auth/sign-in");
        paths.ShouldContain("/api/admin/members/{id}");
        paths.ShouldContain("/api/admin/organizations/{id}/move");
        paths.ShouldContain("/api/admin/roster/export");
        ((string?)doc["info"]!["title"]).ShouldBe("Learn 组织管理接口");
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_as_problem_details()
    {
        var response = await factory.CreateClient().GetAsync("/api/admin/members");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task An_unknown_api_path_is_a_404_problem_not_the_sites_error_page()
    {
        var response = await factory.CreateClient().GetAsync("/api/admin/no-such-thing");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}

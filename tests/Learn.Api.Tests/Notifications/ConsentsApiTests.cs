using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.Notifications;

public class ConsentsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Birthday = "Tm9ib2R5LWJpcnRoZGF5LXRlbXBsYXRl";
    private const string Contest = "Tm9ib2R5LWNvbnRlc3QtdGVtcGxhdGU";

    private async Task<(long MemberId, HttpClient Client)> MemberAsync()
    {
        var member = await factory.WithDbAsync(async db =>
        {
            var org = await db.AddOrganizationAsync("第一党支部", OrganizationKind.Branch);
            return await db.AddMemberAsync(org, "李华");
        });
        return (member.Id, await factory.CreateMemberClientAsync(member.Id));
    }

    [Fact]
    public async Task Each_accept_adds_one_consent_for_that_template_and_rejects_add_none()
    {
        var (memberId, client) = await MemberAsync();

        var first = await client.PostAsJsonAsync("/api/notifications/consents", new Dictionary<string, string>
        {
            ["errMsg"] = "requestSubscribeMessage:ok", [Birthday] = "accept", [Contest] = "reject",
        });
        var second = await client.PostAsJsonAsync("/api/notifications/consents", new Dictionary<string, string> { [Birthday] = "accept" });

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await second.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("remaining").GetProperty(Birthday).GetInt32().ShouldBe(2);
        var rows = await factory.WithDbAsync(db => db.Set<NotificationConsent>().Where(c => c.MemberId == memberId).ToListAsync());
        rows.Single().TemplateId.ShouldBe(Birthday);
        rows.Single().Remaining.ShouldBe(2);
    }

    [Theory]
    [InlineData("""{"errMsg":"requestSubscribeMessage:ok"}""")]
    [InlineData("""{"Tm9ib2R5":"maybe"}""")]
    [InlineData("""{"bad id!":"accept"}""")]
    public async Task Malformed_results_are_refused_and_record_nothing(string json)
    {
        var (memberId, client) = await MemberAsync();

        var response = await client.PostAsync("/api/notifications/consents", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("urn:learn:problem:validation");
        (await factory.WithDbAsync(db => db.Set<NotificationConsent>().CountAsync(c => c.MemberId == memberId))).ShouldBe(0);
    }

    [Fact]
    public async Task An_unbound_identity_cannot_record_consents()
    {
        var client = await factory.CreateMemberClientAsync(null);
        var response = await client.PostAsJsonAsync("/api/notifications/consents", new Dictionary<string, string> { [Birthday] = "accept" });
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized);
    }
}

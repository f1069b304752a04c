using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Learn.Api.Tests.Hosting;

public class HealthAndErrorsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Live_and_ready_answer_healthy_with_database_and_redis_up()
    {
        var client = factory.CreateClient();
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
        body.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Unknown_route_is_a_problem_with_stable_type_and_chinese_title()
    {
        var response = await factory.CreateClient().GetAsync("/api/no-such-thing");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe("urn:learn:problem:not-found");
        problem.GetProperty("title").GetString().ShouldBe("请求的内容不存在");
        problem.GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task Malformed_json_is_a_chinese_400_problem_without_exception_details()
    {
        using var body = new StringContent("{\"code\": ", System.Text.Encoding.UTF8, "application/json");
        var response = await factory.CreateClient().PostAsync("/api/auth/wx-login", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("type").GetString().ShouldStartWith("urn:learn:problem:");
        problem.GetProperty("title").GetString()!.ShouldContain("请求");
        text.ShouldNotContain("Exception");
        text.ShouldNotContain("   at ");
    }
}

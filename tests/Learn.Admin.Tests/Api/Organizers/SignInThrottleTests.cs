using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.TestSupport;
using Learn.Admin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Tests.Api.Organizers;

/// <summary>Organiser sign-in against guessing: atomic counting, no user-name probing, per-address limits in Redis.</summary>
public class SignInThrottleTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private async Task<(string UserName, long Id)> ArrangeAdminAsync()
    {
        var userName = "adm" + Guid.NewGuid().ToString("N")[..8];
        var account = await factory.WithDbAsync(async db =>
            await db.AddOrganizerAsync(userName, OrganizerRole.OrganizationAdmin, await db.AddOrganizationAsync("限流测试党委", OrganizationKind.PartyCommittee)));
        return (userName, account.Id);
    }

    private static Task<HttpResponseMessage> SignIn(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/admin/auth/sign-in", new { userName, password });

    private static string Address() => $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";

    private Task<int> AuditCountAsync(string action, string userName) =>
        factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == action && a.After!.Contains(userName)));

    [Fact]
    public async Task Forty_parallel_wrong_passwords_check_exactly_five_then_lock()
    {
        var (userName, _) = await ArrangeAdminAsync();
        var client = factory.InstanceWithClientAddresses().ClientFrom(Address());

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => SignIn(client, userName, "wrong-" + i)));

        answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized).ShouldBe(OrganizerSignIn.MaxFailures);
        answers.Count(a => a.StatusCode == HttpStatusCode.Locked).ShouldBe(40 - OrganizerSignIn.MaxFailures);
        (await SignIn(client, userName, OrganizerWorld.Password)).StatusCode.ShouldBe(HttpStatusCode.Locked);
        (await AuditCountAsync("organizer.lockout", userName)).ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_user_takes_the_same_time_and_answer_as_a_wrong_password()
    {
        var (userName, _) = await ArrangeAdminAsync();
        var instance = factory.InstanceWithClientAddresses();
        // Each guess from its own address, so no limit interferes; known and unknown interleaved.
        async Task<(TimeSpan Took, HttpStatusCode Status, string Body)> Try(string name)
        {
            var watch = Stopwatch.StartNew();
            var response = await SignIn(instance.ClientFrom(Address()), name, "not-the-password");
            var took = watch.Elapsed;
            var body = await response.JsonAsync(); // the traceId differs per request by design
            return (took, response.StatusCode, body.GetProperty("type").GetString() + body.GetProperty("title").GetString());
        }
        await Try(userName); await Try("nobody-" + userName); // warm up
        var known = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();
        for (var i = 0; i < 15; i++)
        {
            var k = await Try(userName);
            var u = await Try("nobody-" + i + userName);
            known.Add(k.Took);
            unknown.Add(u.Took);
            u.Status.ShouldBe(k.Status);
            u.Body.ShouldBe(k.Body);
        }

        static double Median(List<TimeSpan> xs) => xs.Select(x => x.TotalMilliseconds).Order().ElementAt(xs.Count / 2);
        var ratio = Median(known) / Median(unknown);
        ratio.ShouldBeInRange(1 / 3.0, 3.0, $"known {Median(known):F1} ms, unknown {Median(unknown):F1} ms");
    }

    [Fact]
    public async Task A_stranger_locking_out_his_own_address_leaves_the_admin_signing_in_from_hers()
    {
        var (userName, _) = await ArrangeAdminAsync();
        var instance = factory.InstanceWithClientAddresses();
        var stranger = instance.ClientFrom(Address());
        for (var i = 0; i < OrganizerSignIn.MaxFailures; i++) await SignIn(stranger, userName, "guess-" + i);

        (await SignIn(stranger, userName, OrganizerWorld.Password)).StatusCode.ShouldBe(HttpStatusCode.Locked);
        (await SignIn(instance.ClientFrom(Address()), userName, OrganizerWorld.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task One_address_spraying_user_names_is_throttled_and_audited()
    {
        var (userName, _) = await ArrangeAdminAsync();
        var instance = factory.InstanceWithClientAddresses();
        var address = Address();
        var sprayer = instance.ClientFrom(address);
        for (var i = 0; i < SignInThrottle.PerAddress; i++)
            (await SignIn(sprayer, $"user{i}-{userName}", "password")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var refused = await SignIn(sprayer, userName, OrganizerWorld.Password);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await refused.JsonAsync()).GetProperty("title").GetString()!.ShouldContain("登录失败次数过多");
        (await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "organizer.address-lockout" && a.EntityId == address))).ShouldBe(1);
        (await SignIn(instance.ClientFrom(Address()), userName, OrganizerWorld.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Guesses_through_two_instances_add_up()
    {
        var (userName, _) = await ArrangeAdminAsync();
        var address = Address();
        var first = factory.InstanceWithClientAddresses().ClientFrom(address);
        var second = factory.InstanceWithClientAddresses().ClientFrom(address);
        for (var i = 0; i < 3; i++) (await SignIn(first, userName, "guess-" + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        for (var i = 3; i < OrganizerSignIn.MaxFailures; i++) (await SignIn(second, userName, "guess-" + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await SignIn(first, userName, OrganizerWorld.Password)).StatusCode.ShouldBe(HttpStatusCode.Locked);
        (await AuditCountAsync("organizer.lockout", userName)).ShouldBe(1);
    }
}

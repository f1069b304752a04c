using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Learn.Api.Tests.Contests;
using Learn.Core.Auth;
using Learn.Core.Organizations;
using Learn.Core.Redis;
using Learn.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Identity;

/// <summary>
/// Revoked sessions are held in each instance (no Redis trip per request, docs/decisions/0306): another instance's
/// revocation arrives by pub/sub at once, and one whose notice was missed is picked up by the poll within its bound.
/// </summary>
public class SessionRevocationTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private SecondInstance _second = null!;

    public async Task InitializeAsync()
    {
        _second = new SecondInstance(factory);
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync() => await _second.DisposeAsync();

    private async Task<(HttpClient Client, string Session)> SignedInAsync()
    {
        var org = await factory.WithDbAsync(db => db.AddOrganizationAsync("吊销测试支部", OrganizationKind.Branch));
        var member = await factory.WithDbAsync(db => db.AddMemberAsync(org, "吊销测试者"));
        var session = "s-" + Guid.NewGuid().ToString("N");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            factory.Services.GetRequiredService<AccessTokens>().Issue(0, member.Id, session));
        (await client.GetAsync("/api/contests")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Task.Delay(200); // the first request subscribed this instance to revocation notices; let that settle
        return (client, session);
    }

    private static async Task<TimeSpan> UntilRefusedAsync(HttpClient client, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while ((await client.GetAsync("/api/contests")).StatusCode != HttpStatusCode.Unauthorized)
        {
            if (clock.Elapsed > limit) throw new ShouldAssertException($"still accepted after {limit}");
            await Task.Delay(50);
        }
        return clock.Elapsed;
    }

    [Fact]
    public async Task A_revocation_on_another_instance_is_refused_here_within_a_second()
    {
        var (client, session) = await SignedInAsync();
        await _second.Services.GetRequiredService<SessionRevocations>().RevokeAsync(session);
        (await UntilRefusedAsync(client, TimeSpan.FromSeconds(1))).ShouldBeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_revocation_whose_notice_was_missed_is_picked_up_by_the_poll()
    {
        var (client, session) = await SignedInAsync();
        // As another instance would record it, but with the pub/sub notice lost: only the shared set has it.
        await factory.Services.GetRequiredService<RedisStore>().Database
            .SortedSetAddAsync("auth:revocations", session, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var took = await UntilRefusedAsync(client, SessionRevocations.PollEvery + TimeSpan.FromSeconds(1));
        Console.WriteLine($"Missed notice: refused after {took.TotalMilliseconds:F0} ms (poll every {SessionRevocations.PollEvery.TotalSeconds} s)");
    }
}

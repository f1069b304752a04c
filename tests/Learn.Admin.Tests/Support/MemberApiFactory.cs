extern alias LearnApi;

namespace Learn.Admin.Tests.Support;

/// <summary>
/// Learn.Api (what members' phones talk to) over the admin site's database, Redis prefix, keys and
/// clock: the two hosts of one deployment. Members answer through it; the admin site sees the result.
/// </summary>
public sealed class MemberApiFactory(AdminFactory site) : SiblingHostFactory<LearnApi::Program>(site);

/// <summary>The admin site, Chromium, and Learn.Api beside them on the same data.</summary>
public sealed class AdminWithApi : AdminBrowser
{
    public MemberApiFactory Api { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Api = new MemberApiFactory(Site);
        await Api.InitializeAsync();
        _ = Api.Server; // start it now, not inside the first test's timing
    }

    public override async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await base.DisposeAsync();
    }
}

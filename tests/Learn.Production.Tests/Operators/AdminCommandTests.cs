using Learn.Core.Organizers;
using Learn.Core.Redis;
using Learn.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Learn.Production.Tests.Operators;

/// <summary>
/// <c>Learn.Admin admin create|reset-password</c> run as a process on a fresh PostgreSQL database, the way
/// an operator makes the first super administrator (README: 生产部署).
/// </summary>
public sealed class AdminCommandTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private const string Strong = "Dangjian#2026xue";
    private readonly PostgresTestDatabase _db = db.Database;
    private readonly HostSettings _settings = db.Settings;

    private Task<(int ExitCode, string Output)> Admin(string? stdin, Dictionary<string, string?>? extra, params string[] args)
    {
        var env = _settings.For();
        foreach (var (k, v) in extra ?? []) env[k] = v;
        return HostProcess.RunAsync("Learn.Admin", env, stdin, ["admin", .. args]);
    }

    [Fact]
    public async Task Create_reads_the_password_from_stdin_stores_a_super_admin_and_audits_it()
    {
        var (code, output) = await Admin(Strong + "\n", null, "create", "chief");
        code.ShouldBe(0, output);
        output.ShouldContain("已创建超级管理员 chief");

        var (role, hash, id) = await AccountAsync("chief");
        role.ShouldBe(nameof(OrganizerRole.SuperAdmin));
        Verify(hash, Strong).ShouldNotBe(PasswordVerificationResult.Failed);
        (await ScalarAsync($"SELECT count(*) FROM audit_log WHERE action = 'organizer.create' AND entity_id = '{id}'")).ShouldBe(1L);
    }

    [Fact]
    public async Task Create_takes_the_password_from_LEARN_ADMIN_PASSWORD()
    {
        var (code, output) = await Admin(null, new() { ["LEARN_ADMIN_PASSWORD"] = Strong }, "create", "fromenv");
        code.ShouldBe(0, output);
        Verify((await AccountAsync("fromenv")).Hash, Strong).ShouldNotBe(PasswordVerificationResult.Failed);
    }

    [Fact]
    public async Task Create_refuses_an_existing_user_in_Chinese_and_changes_nothing()
    {
        (await Admin(Strong, null, "create", "twice")).ExitCode.ShouldBe(0);
        var before = (await AccountAsync("twice")).Hash;
        var (code, output) = await Admin("Another#Pass2026", null, "create", "twice");
        code.ShouldBe(1);
        output.ShouldContain("用户 twice 已存在");
        (await AccountAsync("twice")).Hash.ShouldBe(before);
    }

    [Theory]
    [InlineData("short#A1", "至少12位")]
    [InlineData("alllowercaseletters", "至少三类")]
    [InlineData("Weakling#2026", "不能包含用户名")]
    public async Task Create_refuses_a_weak_password(string password, string reason)
    {
        var (code, output) = await Admin(password, null, "create", "weakling");
        code.ShouldBe(1);
        output.ShouldContain(reason);
        (await ScalarAsync("SELECT count(*) FROM organizer_accounts WHERE user_name = 'weakling'")).ShouldBe(0L);
    }

    [Fact]
    public async Task A_password_argument_is_refused_as_wrong_usage()
    {
        var (code, output) = await Admin(null, null, "create", "argued", Strong);
        code.ShouldBe(2);
        output.ShouldContain("用法");
        (await ScalarAsync("SELECT count(*) FROM organizer_accounts WHERE user_name = 'argued'")).ShouldBe(0L);
    }

    [Fact]
    public async Task Reset_password_sets_a_new_password_lifts_the_lockout_and_audits()
    {
        (await Admin(Strong, null, "create", "locked")).ExitCode.ShouldBe(0);
        // Locked the way sign-in locks it: five wrong guesses from one address, counted in the deployment's Redis.
        using var redis = new RedisStore(Options.Create(new RedisOptions { ConnectionString = TestServers.Redis, KeyPrefix = _settings.RedisKeyPrefix }));
        var throttle = new SignInThrottle(redis, TimeProvider.System);
        for (var i = 0; i < SignInThrottle.PerAccountFromAddress; i++) await throttle.ClaimAsync("locked", "203.0.113.9");
        (await throttle.ClaimAsync("locked", "203.0.113.9")).Blocked.ShouldBe(SignInLimit.AccountFromAddress);

        var (code, output) = await Admin("Renewed!Pass2027\n", null, "reset-password", "locked");
        code.ShouldBe(0, output);
        var (_, hash, id) = await AccountAsync("locked");
        Verify(hash, "Renewed!Pass2027").ShouldNotBe(PasswordVerificationResult.Failed);
        Verify(hash, Strong).ShouldBe(PasswordVerificationResult.Failed);
        (await throttle.ClaimAsync("locked", "203.0.113.9")).Blocked.ShouldBe(SignInLimit.None);
        (await ScalarAsync($"SELECT count(*) FROM audit_log WHERE action = 'organizer.reset-password' AND entity_id = '{id}'")).ShouldBe(1L);
    }

    [Fact]
    public async Task Reset_password_of_an_unknown_user_says_so_in_Chinese()
    {
        var (code, output) = await Admin(Strong, null, "reset-password", "nobody");
        code.ShouldBe(1);
        output.ShouldContain("用户 nobody 不存在");
    }

    private static PasswordVerificationResult Verify(string hash, string password) =>
        new PasswordHasher<OrganizerAccount>().VerifyHashedPassword(null!, hash, password);

    private async Task<(string Role, string Hash, long Id)> AccountAsync(string userName)
    {
        await using var conn = new NpgsqlConnection(_db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT role, password_hash, id FROM organizer_accounts WHERE user_name = @u", conn);
        cmd.Parameters.AddWithValue("u", userName);
        await using var r = await cmd.ExecuteReaderAsync();
        (await r.ReadAsync()).ShouldBeTrue($"no account {userName}");
        return (r.GetString(0), r.GetString(1), r.GetInt64(2));
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(_db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>One database for the class, migrated by the operator's own command (<c>Learn.Admin migrate</c>).</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public PostgresTestDatabase Database { get; private set; } = null!;
    public HostSettings Settings { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgresTestDatabase.CreateAsync();
        Settings = new HostSettings(Database.ConnectionString);
        var (code, output) = await HostProcess.RunAsync("Learn.Admin", Settings.For(), null, "migrate");
        code.ShouldBe(0, output);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

using System.Data.Common;
using Learn.Core.Data;
using Learn.Jobs.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Jobs;

/// <summary>
/// Reads Quartz's own tables (qrtz_*, created by Learn.Jobs in the same database) without a scheduler: the admin
/// site must not host one. Quartz stores instants as UTC ticks. Table names are lower-case on PostgreSQL and
/// upper-case on SQLite, where names are case-insensitive, so one spelling serves both.
/// </summary>
public static class QuartzTables
{
    public sealed record JobRow(string Group, string Name, DateTime? NextFireUtc, DateTime? PreviousFireUtc, string? Cron, string? State);

    public sealed record NodeRow(string InstanceId, DateTime LastCheckinUtc, TimeSpan CheckinInterval);

    /// <summary>Every job with its earliest next firing (a pending 立即执行 counts) and its daily trigger's cron.</summary>
    public static async Task<List<JobRow>?> JobsAsync(LearnDbContext db, CancellationToken ct)
    {
        const string sql = """
            SELECT j.job_group, j.job_name,
                   (SELECT MIN(t.next_fire_time) FROM qrtz_triggers t WHERE t.sched_name = j.sched_name AND t.job_group = j.job_group AND t.job_name = j.job_name AND t.next_fire_time > 0),
                   (SELECT MAX(t.prev_fire_time) FROM qrtz_triggers t WHERE t.sched_name = j.sched_name AND t.job_group = j.job_group AND t.job_name = j.job_name AND t.prev_fire_time > 0),
                   (SELECT MIN(c.cron_expression) FROM qrtz_cron_triggers c JOIN qrtz_triggers t ON t.sched_name = c.sched_name AND t.trigger_group = c.trigger_group AND t.trigger_name = c.trigger_name
                     WHERE t.sched_name = j.sched_name AND t.job_group = j.job_group AND t.job_name = j.job_name),
                   (SELECT MIN(t.trigger_state) FROM qrtz_triggers t JOIN qrtz_cron_triggers c ON t.sched_name = c.sched_name AND t.trigger_group = c.trigger_group AND t.trigger_name = c.trigger_name
                     WHERE t.sched_name = j.sched_name AND t.job_group = j.job_group AND t.job_name = j.job_name)
            FROM qrtz_job_details j WHERE j.sched_name = @name ORDER BY j.job_group, j.job_name
            """;
        return await ReadAsync(db, sql, r => new JobRow(r.GetString(0), r.GetString(1), Ticks(r, 2), Ticks(r, 3),
            r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)), ct);
    }

    public static Task<List<NodeRow>?> NodesAsync(LearnDbContext db, CancellationToken ct) =>
        ReadAsync(db, "SELECT instance_name, last_checkin_time, checkin_interval FROM qrtz_scheduler_state WHERE sched_name = @name ORDER BY instance_name",
            r => new NodeRow(r.GetString(0), new DateTime(r.GetInt64(1), DateTimeKind.Utc), TimeSpan.FromMilliseconds(r.GetInt64(2))), ct);

    private static DateTime? Ticks(DbDataReader r, int i) => r.IsDBNull(i) ? null : new DateTime(Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    /// <summary>The rows, or null when Quartz's tables are not there yet (Learn.Jobs has never started on this database).</summary>
    private static async Task<List<T>?> ReadAsync<T>(LearnDbContext db, string sql, Func<DbDataReader, T> map, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var name = command.CreateParameter();
            name.ParameterName = "@name";
            name.Value = SchedulerSetup.SchedulerName; // the rows of other schedulers are not ours
            command.Parameters.Add(name);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<T>();
            while (await reader.ReadAsync(ct)) rows.Add(map(reader));
            return rows;
        }
        catch (DbException)
        {
            return null;
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FakeWeChat;
using Npgsql;

namespace Learn.Bench;

/// <summary>
/// The campaign benchmark (<c>./learn.sh bench campaign</c>): N members following the Official Account, one
/// article of the day, and a real Learn.Jobs process (Release) whose scheduler writes the daily-push campaign
/// and whose dispatcher expands and sends it to the fake WeChat server, while a one-second trigger keeps firing.
/// Reports expansion time, send throughput, Learn.Jobs' peak resident memory and the books.
/// </summary>
internal static partial class CampaignBench
{
    public static async Task<string> RunAsync(string cs, string jobsDll, int recipients, string outDir)
    {
        await using var wechat = await FakeWeChatServer.StartAsync();
        var seedWatch = Stopwatch.StartNew();
        await CampaignSeeder.SeedAsync(cs, recipients);
        Console.Error.WriteLine($"seeded {recipients} followers in {seedWatch.Elapsed.TotalSeconds:F1} s");

        using var process = StartJobs(jobsDll, wechat);
        var output = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        long peakRssKb = 0;
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var until = DateTime.UtcNow.AddMinutes(30);
        while (await ScalarAsync(conn, "SELECT count(*) FROM outbox_messages WHERE state IN ('Sent','Failed','Unreachable')") < recipients)
        {
            if (process.HasExited || DateTime.UtcNow > until)
                throw new InvalidOperationException("Learn.Jobs stopped or timed out:\n" + string.Join('\n', output.TakeLast(40)));
            peakRssKb = Math.Max(peakRssKb, ProcStatusKb(process.Id, "VmHWM"));
            await Task.Delay(500);
        }
        peakRssKb = Math.Max(peakRssKb, ProcStatusKb(process.Id, "VmHWM"));
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        await File.WriteAllLinesAsync(Path.Combine(outDir, "campaign-jobs.log"), output);

        var times = await TimesAsync(conn);
        var rows = await ScalarAsync(conn, "SELECT count(*) FROM outbox_messages");
        var sent = await ScalarAsync(conn, "SELECT count(*) FROM outbox_messages WHERE state = 'Sent'");
        var duplicateRows = rows - await ScalarAsync(conn, "SELECT count(DISTINCT (campaign_id, member_id)) FROM outbox_messages");
        var accepted = wechat.RequestsTo(FakePaths.TemplateSend).Where(r => r.ErrCode == 0).ToList();
        var distinctRecipients = accepted.Select(r => r.Json.GetProperty("touser").GetString()).Distinct().Count();
        var expansion = (times.LastRowWritten - times.CampaignCreated).TotalSeconds;
        var sending = (times.LastSent - times.FirstSendStarted).TotalSeconds;
        var lateness = LifecycleLateness(output, times.CampaignCreated, times.LastSent);
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"recipients\":{recipients},\"outboxRows\":{rows},\"delivered\":{sent},\"duplicateRows\":{duplicateRows},\"acceptedSends\":{accepted.Count},"
            + $"\"distinctRecipientsReached\":{distinctRecipients},\"duplicateSends\":{accepted.Count - distinctRecipients},"
            + $"\"expansionSeconds\":{expansion:F1},\"sendSeconds\":{sending:F1},\"sendsPerSecond\":{sent / Math.Max(sending, 0.001):F0},"
            + $"\"peakWorkingSetMb\":{peakRssKb / 1024},\"triggerSlots\":{lateness.Count},\"triggerMedianLateMs\":{Median(lateness):F0},"
            + $"\"triggerMaxLateMs\":{(lateness.Count == 0 ? 0 : lateness.Max()):F0}}}");
    }

    /// <summary>Learn.Jobs with this process's environment (scripts/bench-campaign.sh sets it) plus the fake WeChat's addresses.</summary>
    private static Process StartJobs(string jobsDll, FakeWeChatServer wechat)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(jobsDll)! };
        info.ArgumentList.Add(jobsDll);
        // A name with dots cannot be exported from bash: the job-run lines give each trigger's lateness.
        info.Environment["Logging__LogLevel__Learn.Jobs.Scheduling.JobRunLog"] = "Information";
        foreach (var (k, v) in wechat.Configuration()) info.Environment[k.Replace(":", "__", StringComparison.Ordinal)] = v;
        return Process.Start(info)!;
    }

    private sealed record Times(DateTime CampaignCreated, DateTime LastRowWritten, DateTime FirstSendStarted, DateTime LastSent);

    private static async Task<Times> TimesAsync(NpgsqlConnection conn)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT min(created_at) FROM notification_campaigns), max(created_at), min(send_started_at), max(sent_at) FROM outbox_messages
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return new Times(r.GetDateTime(0), r.GetDateTime(1), r.GetDateTime(2), r.GetDateTime(3));
    }

    /// <summary>How long after its slot each one-second contest-lifecycle firing finished, while the campaign ran.</summary>
    private static List<double> LifecycleLateness(List<string> output, DateTime from, DateTime to)
    {
        var result = new List<double>();
        foreach (var line in output)
        {
            var m = JobRun().Match(line);
            if (!m.Success) continue;
            var slot = DateTimeOffset.Parse(m.Groups[2].Value.Replace("\\u002B", "+", StringComparison.Ordinal), CultureInfo.InvariantCulture).UtcDateTime;
            var done = DateTimeOffset.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture).UtcDateTime;
            if (slot >= from && slot <= to) result.Add((done - slot).TotalMilliseconds);
        }
        return result;
    }

    [GeneratedRegex(@"""Timestamp"":""(\S+) "".*job-run learn\.contest-lifecycle (\S+) \S+ ok")]
    private static partial Regex JobRun();

    private static double Median(List<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    private static long ProcStatusKb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // the process has gone
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

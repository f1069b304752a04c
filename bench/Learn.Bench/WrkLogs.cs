using System.Globalization;
using System.Text;

namespace Learn.Bench;

/// <summary>
/// The lines bench/wrk/common.lua writes, one per response, per wrk thread (artifacts/bench/log/&lt;scenario&gt;-&lt;thread&gt;.log):
/// <c>kind id status sentEpochMs latencyUs</c>. Kind: a = answer POST, g = GET current question, t = top 100, m = around me,
/// o = organisation board, s = plain-SQL board. The id of an answer is its requestId, echoed back by Learn.Api (X-Bench-Id).
/// </summary>
internal static class WrkLogs
{
    internal sealed record Line(char Kind, string Id, int Status, long SentMs, long LatencyUs)
    {
        public bool Ok => Status is >= 200 and < 300;
    }

    /// <summary>Lines of one scenario ("…/log/submit" reads submit-*.log), or of every scenario ("…/log/*").</summary>
    public static IEnumerable<Line> Read(string prefix)
    {
        var dir = Path.GetDirectoryName(prefix)!;
        var name = Path.GetFileName(prefix);
        foreach (var file in Directory.GetFiles(dir, name == "*" ? "*.log" : name + "-*.log"))
            foreach (var text in File.ReadLines(file))
            {
                var f = text.Split(' ');
                if (f.Length == 5)
                    yield return new Line(f[0][0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture),
                        long.Parse(f[4], CultureInfo.InvariantCulture));
            }
    }

    /// <summary>
    /// One scenario's figures per kind: "kind ok failures okPerSecond p99Ms" lines, then "span firstMs lastAckMs"; with
    /// BENCH_WINDOW "fromMs,toMs" also "window acked answered" for answers sent inside it (the Redis outage).
    /// </summary>
    public static string Stats(string prefix, string? window)
    {
        var lines = Read(prefix).ToList();
        var output = new StringBuilder();
        if (lines.Count == 0) return "span 0 0 0\n";
        var first = lines.Min(l => l.SentMs);
        var lastAck = lines.Where(l => l.Ok).Select(l => l.SentMs + (l.LatencyUs / 1000)).DefaultIfEmpty(first).Max();
        foreach (var kind in lines.GroupBy(l => l.Kind).OrderBy(g => g.Key))
        {
            var ok = kind.Where(l => l.Ok).ToList();
            var span = Math.Max(1, kind.Max(l => l.SentMs + (l.LatencyUs / 1000)) - kind.Min(l => l.SentMs));
            output.Append(CultureInfo.InvariantCulture,
                $"{kind.Key} {ok.Count} {kind.Count() - ok.Count} {ok.Count * 1000.0 / span:F1} {P99(kind.Select(l => l.LatencyUs)) / 1000.0:F2}\n");
        }
        var firstAck = lines.Where(l => l.Ok).Select(l => l.SentMs + (l.LatencyUs / 1000)).DefaultIfEmpty(first).Min();
        output.Append(CultureInfo.InvariantCulture, $"span {first} {firstAck} {lastAck}\n");
        if (window is { Length: > 0 })
        {
            var (from, to) = (long.Parse(window.Split(',')[0], CultureInfo.InvariantCulture), long.Parse(window.Split(',')[1], CultureInfo.InvariantCulture));
            var inside = lines.Where(l => l.Kind == 'a' && l.SentMs >= from && l.SentMs < to).ToList();
            output.Append(CultureInfo.InvariantCulture, $"window {inside.Count(l => l.Ok)} {inside.Count}\n");
        }
        return output.ToString();
    }

    private static long P99(IEnumerable<long> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)];
    }
}

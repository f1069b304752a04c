using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learn.Core.Contests;
using Learn.Core.Questions;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.Contests.Faults;

/// <summary>
/// Several members answering a timed contest at once through HTTP, question after question, until
/// stopped: every reply is recorded with its request id, so the books can be checked per answer.
/// </summary>
internal sealed class AnswerLoad(FaultApi factory, long contestId, IReadOnlyList<HttpClient> members)
{
    public sealed record Reply(DateTime At, string Kind, HttpStatusCode Status, string? RequestId, string? RetryAfter, string? ProblemType, DateTime? Sent = null);

    private readonly ConcurrentQueue<Reply> _replies = new();
    private readonly CancellationTokenSource _stop = new();
    private Dictionary<long, string> _keys = [];
    private Task? _running;

    public IReadOnlyCollection<Reply> Replies => _replies;
    public IEnumerable<Reply> Acknowledged => _replies.Where(r => r is { Kind: "answer", Status: HttpStatusCode.OK });

    public async Task StartAsync()
    {
        // Keys read up front: the load must not need the database it may be cut off from.
        _keys = await factory.WithDbAsync(db => db.Set<QuestionVersion>().ToDictionaryAsync(v => v.Id, v => v.AnswerKey));
        _running = Task.WhenAll(members.Select((m, i) => Task.Run(() => MemberAsync(m, i))));
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running!;
    }

    private async Task MemberAsync(HttpClient member, int index)
    {
        var n = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var current = await member.GetAsync($"/api/contests/{contestId}/attempts/current");
                if (current.StatusCode == HttpStatusCode.NotFound || (current.IsSuccessStatusCode && await IsFinishedAsync(current)))
                    current = await member.PostAsync($"/api/contests/{contestId}/attempts", null);
                if (!current.IsSuccessStatusCode)
                {
                    await RecordAsync("read", current, null);
                    continue;
                }
                var attempt = JsonDocument.Parse(await current.Content.ReadAsStringAsync()).RootElement;
                if (attempt.GetProperty("current") is not { ValueKind: JsonValueKind.Object } question) continue;
                var key = _keys[question.GetProperty("questionId").GetInt64()];
                // Every third answer is wrong, so scores and correct counts differ between members.
                var answer = ++n % 3 == 0 ? (key == "A" ? "B" : "A") : key;
                var requestId = $"m{index}-{Guid.NewGuid():N}";
                var sent = DateTime.UtcNow;
                var reply = await member.PostAsJsonAsync($"/api/contests/{contestId}/attempts/{attempt.GetProperty("attemptId").GetInt64()}/answers",
                    new { seq = question.GetProperty("seq").GetInt32(), requestId, answer });
                await RecordAsync("answer", reply, requestId, sent);
            }
            catch (HttpRequestException ex)
            {
                _replies.Enqueue(new Reply(DateTime.UtcNow, "error:" + ex.Message, 0, null, null, null));
            }
            finally
            {
                await Task.Delay(120);
            }
        }
    }

    private static async Task<bool> IsFinishedAsync(HttpResponseMessage current)
    {
        var body = JsonDocument.Parse(await current.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("status").GetString() == "finished";
    }

    private async Task RecordAsync(string kind, HttpResponseMessage response, string? requestId, DateTime? sent = null)
    {
        string? type = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            type = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString();
        _replies.Enqueue(new Reply(DateTime.UtcNow, kind, response.StatusCode, requestId, response.Headers.RetryAfter?.ToString(), type, sent));
    }

    /// <summary>The books: every acknowledged answer is stored exactly once, by its request id.</summary>
    public async Task AssertEveryAcknowledgedAnswerIsStoredAsync()
    {
        var acked = Acknowledged.Select(r => r.RequestId!).ToList();
        var stored = await factory.WithDbAsync(db => db.Set<ContestAnswer>().Where(a => a.ContestId == contestId)
            .GroupBy(a => a.RequestId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count));
        acked.Where(id => stored.GetValueOrDefault(id) != 1).ShouldBeEmpty("acknowledged answers not stored exactly once");
    }
}

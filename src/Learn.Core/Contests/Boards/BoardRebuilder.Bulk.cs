using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

public sealed partial class BoardRebuilder
{
    // Elements per ZADD/HSET: small enough that a command's entry array stays off the large-object heap
    // (each would otherwise cost a gen-2 collection's share) and that other clients never wait long behind one.
    private const int Chunk = 1000;
    // Commands written but not yet answered: enough to keep Redis busy without a round trip between chunks.
    private const int InFlight = 32;
    // Packed count-and-version fields per HSET: 250 × 512 characters, about 128 KB per command.
    private const int CorrectChunk = 250;

    // Plain SQL on both providers (snake_case names, NOT on a boolean column): no EF materialisation per row and
    // no join to members — names are read only for the rows a reader shows (BoardRebuilder.Names.cs).
    private const string EntriesSql = """
        SELECT member_id, organization_path, score, total_ms, reached_at, correct_count, board_version
        FROM contest_entries WHERE contest_id = @contest AND NOT voided
        """;

    /// <summary>Counted (non-voided) entries of the contest, read with one plain data reader.</summary>
    private async Task<BoardSnapshot> ReadEntriesAsync(DbContext db, Contest contest, CancellationToken ct)
    {
        var unit = BoardScore.ReachedUnitMs(contest.StartsAt, contest.EndsAt);
        var snapshot = new BoardSnapshot();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = EntriesSql;
            cmd.CommandTimeout = 600;
            var p = cmd.CreateParameter();
            p.ParameterName = "@contest";
            p.Value = contest.Id;
            cmd.Parameters.Add(p);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) AddRow(snapshot, r, contest.StartsAt, unit);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return snapshot;
    }

    // A rebuild runs once in a process's life, so its loops would otherwise run as unoptimised tier-0 code (about 2× the CPU, measured).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow(BoardSnapshot snapshot, DbDataReader r, DateTime startsAt, long unit)
    {
        var score = r.GetInt32(2);
        DateTime? reached = r.IsDBNull(4) ? null : r.GetDateTime(4);
        snapshot.Add(r.GetInt64(0), r.GetString(1), BoardScore.Encode(score, r.GetInt64(3), reached, startsAt, unit), r.GetInt32(5), score, r.GetInt32(6));
    }

    /// <summary>Correct counts, person board and organisation figures; chunks are pipelined, not awaited one by one.</summary>
    private async Task WriteAsync(long contestId, BoardSnapshot snapshot)
    {
        var pending = new Queue<Task>();
        // Packed 64 members to a field (BoardCorrect): a million members are ~16,000 fields, built here, not in Redis.
        var correct = BoardCorrect.Fields(snapshot.Slots());
        for (var from = 0; from < correct.Length; from += CorrectChunk)
            await SendAsync(pending, Db.HashSetAsync(BoardKeys.Correct(contestId), correct[from..Math.Min(correct.Length, from + CorrectChunk)]));
        snapshot.SortForInsert();
        for (var from = 0; from < snapshot.Count; from += Chunk)
            await SendAsync(pending, Db.SortedSetAddAsync(BoardKeys.Persons(contestId), Persons(snapshot, from)));
        var (totals, participants) = snapshot.OrgFigures();
        if (totals.Count > 0)
        {
            pending.Enqueue(Db.HashSetAsync(BoardKeys.OrgTotal(contestId), [.. totals.Select(t => new HashEntry(t.Key, t.Value))]));
            pending.Enqueue(Db.HashSetAsync(BoardKeys.OrgParticipants(contestId), [.. participants.Select(t => new HashEntry(t.Key, t.Value))]));
        }
        await Task.WhenAll(pending);
    }

    /// <summary>Queues a sent command; waits for the oldest while more than <see cref="InFlight"/> are unanswered.</summary>
    private static async Task SendAsync(Queue<Task> pending, Task sent)
    {
        pending.Enqueue(sent);
        // One connection answers in order: the oldest done means Redis is at most InFlight chunks behind.
        while (pending.Count > InFlight) await pending.Dequeue();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static SortedSetEntry[] Persons(BoardSnapshot snapshot, int from)
    {
        var rows = snapshot.Rows.Slice(from, Math.Min(Chunk, snapshot.Count - from));
        var persons = new SortedSetEntry[rows.Length];
        for (var i = 0; i < rows.Length; i++) persons[i] = new SortedSetEntry(rows[i].Member, rows[i].Encoded);
        return persons;
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

public sealed partial class BoardRebuilder
{
    /// <summary>
    /// Names are shown only for the rows a reader asks for (top N, around me), so a rebuild does not write a
    /// million of them: a read that finds names missing fetches those few from the database and keeps them
    /// in the names hash for the next reader (docs/decisions/0309-fast-board-rebuild.md).
    /// </summary>
    internal async Task FillNamesAsync(long contestId, BoardRow[] rows, IReadOnlyList<int> missing, CancellationToken ct)
    {
        var ids = missing.Select(i => rows[i].MemberId).ToList();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var found = await (from e in db.Set<ContestEntry>().AsNoTracking()
                           where e.ContestId == contestId && ids.Contains(e.MemberId)
                           join m in db.Members on e.MemberId equals m.Id
                           select new { e.MemberId, e.OrganizationId, m.Name }).ToDictionaryAsync(x => x.MemberId, ct);
        foreach (var i in missing)
            if (found.TryGetValue(rows[i].MemberId, out var f))
                rows[i] = rows[i] with { Name = f.Name, OrganizationId = f.OrganizationId };
        if (found.Count == 0) return;
        // Same text the board writers store; a concurrent rebuild deleting the hash only costs another fetch.
        await Db.HashSetAsync(BoardKeys.Names(contestId), [.. found.Values.Select(f =>
            new HashEntry(f.MemberId, f.OrganizationId.ToString(CultureInfo.InvariantCulture) + "|" + f.Name))]);
    }
}

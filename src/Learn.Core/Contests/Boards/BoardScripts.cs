using System.Globalization;
using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

/// <summary>
/// Lua scripts that make a board write or read one Redis round trip. A script runs atomically
/// (Redis; Garnet with <c>--lua --lua-transaction-mode</c>, as scripts/run.sh starts it), so the
/// "apply only while ready" rule needs no WATCH/MULTI/EXEC. Every key a script touches is passed in
/// KEYS (Garnet locks exactly those, and the key prefix is applied to them).
/// </summary>
internal static class BoardScripts
{
    /// <summary>
    /// Result of <see cref="Apply"/>: 1 applied, 2 queued for the running rebuild, 0 board missing. Per change
    /// (<see cref="ApplyArgs"/>) it applies only a version newer than the member's slot holds (ADR 0314): a change the
    /// board already has — a rebuild read it after its commit — or one overtaken by a newer change (several instances)
    /// is skipped whole. The roll-ups move by the difference to the score the board showed, and a member counts as a
    /// participant when their slot first gets a version, so applying is idempotent and order-proof.
    /// </summary>
    public static readonly string Apply = BoardCorrect.LuaFunctions + $$"""
        local st = redis.call('GET', KEYS[1])
        local i = 1
        if st ~= 'ready' then
          if st ~= 'rebuilding' then return 0 end
          while i <= #ARGV do
            redis.call('RPUSH', KEYS[7], ARGV[i])
            i = i + 6 + tonumber(ARGV[i + 5])
          end
          return 2
        end
        while i <= #ARGV do
          local m, n = ARGV[i], tonumber(ARGV[i + 5])
          -- A voided member's result left the board and the roll-ups with the void: none of its later changes returns.
          if redis.call('SISMEMBER', KEYS[8], m) == 0 then
            local s = cread(KEYS[3], m)
            local had = cver(s, m)
            local ver = tonumber(ARGV[i + 4]) + 1
            if ver > had then
              local old = redis.call('ZSCORE', KEYS[2], m)
              -- The score is the encoded value's top bits (BoardScore.ScoreOf).
              local delta = math.floor(tonumber(ARGV[i + 1]) / {{BoardScore.PerPoint}}) - (old and math.floor(tonumber(old) / {{BoardScore.PerPoint}}) or 0)
              redis.call('ZADD', KEYS[2], ARGV[i + 1], m)
              cwrite(KEYS[3], m, s, ARGV[i + 2], ver)
              if ARGV[i + 3] ~= '' then redis.call('HSET', KEYS[4], m, ARGV[i + 3]) end
              for j = 1, n do
                local org = ARGV[i + 5 + j]
                if delta ~= 0 then redis.call('HINCRBY', KEYS[5], org, delta) end
                if had == 0 then redis.call('HINCRBY', KEYS[6], org, 1) end
              end
            end
          end
          i = i + 6 + n
        end
        return 1
        """;

    /// <summary>
    /// ARGV "top", count | "me", member, radius. {-2} when the board is not ready (not a Lua false: that
    /// reads as nil on RESP2 but as a boolean on RESP3); {-1} when the member
    /// is not on it; else {first rank (0-based), {member, score, …}, names, correct counts (-1: none stored)}.
    /// </summary>
    public const string Read = BoardCorrect.LuaFunctions + """
        if redis.call('GET', KEYS[1]) ~= 'ready' then return {-2} end
        local unpack = unpack or table.unpack
        local from, to
        if ARGV[1] == 'me' then
          local r = redis.call('ZREVRANK', KEYS[2], ARGV[2])
          if not r then return {-1} end
          from = r - tonumber(ARGV[3])
          if from < 0 then from = 0 end
          to = r + tonumber(ARGV[3])
        else
          from = 0
          to = tonumber(ARGV[2]) - 1
        end
        local e = redis.call('ZREVRANGE', KEYS[2], from, to, 'WITHSCORES')
        local ids = {}
        for k = 1, #e, 2 do ids[#ids + 1] = e[k] end
        if #ids == 0 then return {from, e, {}, {}} end
        local correct, cache = {}, {}
        for k = 1, #ids do correct[k] = cget(KEYS[4], ids[k], cache) end
        return {from, e, redis.call('HMGET', KEYS[3], unpack(ids)), correct}
        """;

    /// <summary>
    /// Voids a member: ARGV member, the encoded score the caller read (or ''), its score, n, n org ids. Adds the member
    /// to the voided set, takes them off the person board and takes exactly the score the board holds for them out of
    /// the roll-ups (changes of theirs still queued somewhere will be skipped, so what was applied is what leaves).
    /// 1 done; 2 queued for the running rebuild to re-read; -1 the board moved since the caller read it (read again);
    /// 0 board missing (a rebuild from the database leaves them out).
    /// </summary>
    public const string Void = BoardCorrect.LuaFunctions + """
        redis.call('SADD', KEYS[7], ARGV[1])
        local st = redis.call('GET', KEYS[1])
        if st == 'rebuilding' then
          redis.call('RPUSH', KEYS[6], ARGV[1])
          return 2
        end
        if st ~= 'ready' then return 0 end
        local enc = redis.call('ZSCORE', KEYS[2], ARGV[1])
        local same = (not enc and ARGV[2] == '') or (enc and ARGV[2] ~= '' and tonumber(enc) == tonumber(ARGV[2]))
        if not same then return -1 end
        if not enc then return 1 end
        redis.call('ZREM', KEYS[2], ARGV[1])
        cset(KEYS[3], ARGV[1], 0, 0)
        for j = 1, tonumber(ARGV[4]) do
          local org = ARGV[4 + j]
          if ARGV[3] ~= '0' then redis.call('HINCRBY', KEYS[4], org, -tonumber(ARGV[3])) end
          redis.call('HINCRBY', KEYS[5], org, -1)
        end
        return 1
        """;

    public static RedisKey[] VoidKeys(long c) =>
        [BoardKeys.State(c), BoardKeys.Persons(c), BoardKeys.Correct(c), BoardKeys.OrgTotal(c), BoardKeys.OrgParticipants(c), BoardKeys.Pending(c), BoardKeys.Voided(c)];

    /// <summary>
    /// ARGV org ids. {-2} when the board is not ready, {-3} when the members-in-scope figures are missing; else
    /// {totals, participants, members}, one HMGET each: the organisation board in one round trip.
    /// </summary>
    public const string OrgRead = """
        if redis.call('GET', KEYS[1]) ~= 'ready' then return {-2} end
        if redis.call('EXISTS', KEYS[4]) == 0 then return {-3} end
        local unpack = unpack or table.unpack
        return {redis.call('HMGET', KEYS[2], unpack(ARGV)), redis.call('HMGET', KEYS[3], unpack(ARGV)), redis.call('HMGET', KEYS[4], unpack(ARGV))}
        """;

    public static RedisKey[] OrgReadKeys(long c) => [BoardKeys.State(c), BoardKeys.OrgTotal(c), BoardKeys.OrgParticipants(c), BoardKeys.OrgMembers(c)];

    public static RedisKey[] ApplyKeys(long c) =>
        [BoardKeys.State(c), BoardKeys.Persons(c), BoardKeys.Correct(c), BoardKeys.Names(c), BoardKeys.OrgTotal(c), BoardKeys.OrgParticipants(c), BoardKeys.Pending(c),
            BoardKeys.Voided(c)];

    public static RedisKey[] ReadKeys(long c) => [BoardKeys.State(c), BoardKeys.Persons(c), BoardKeys.Names(c), BoardKeys.Correct(c)];

    /// <summary>Per change: member, encoded, correct, "org|name" or "", version, n, n org ids. Removals go through <see cref="Void"/>.</summary>
    public static RedisValue[] ApplyArgs(IReadOnlyList<BoardChange> changes)
    {
        var args = new List<RedisValue>(changes.Count * 10);
        foreach (var c in changes)
        {
            if (c.Removed) throw new ArgumentException("A removal is not applied as a change: void the result.", nameof(changes));
            var orgs = BoardKeys.Ancestors(c.OrganizationPath).ToList();
            args.Add(c.MemberId);
            // Encoded values are whole numbers below 2^53: the integer text is exact.
            args.Add(((long)c.Encoded).ToString(CultureInfo.InvariantCulture));
            args.Add(c.CorrectCount);
            args.Add(c.Name is null ? "" : c.OrganizationId.ToString(CultureInfo.InvariantCulture) + "|" + c.Name);
            args.Add(c.Version);
            args.Add(orgs.Count);
            foreach (var org in orgs) args.Add(org);
        }
        return [.. args];
    }

    /// <summary>
    /// Rows from a <see cref="Read"/> result; null when the board was not ready. <paramref name="missingNames"/>: indexes of
    /// rows whose name is not in Redis yet (a rebuild leaves names to the reads, BoardRebuilder.Names.cs).
    /// </summary>
    public static BoardRow[]? Rows(RedisResult result, out bool notOnBoard, out double lowest, out List<int>? missingNames)
    {
        notOnBoard = false;
        missingNames = null;
        lowest = double.MaxValue;
        var parts = (RedisResult[])result!;
        var from = (long)parts[0];
        if (from == -2) return null;
        if (from < 0)
        {
            notOnBoard = true;
            return [];
        }
        var entries = (RedisValue[])parts[1]!;
        var names = (RedisValue[])parts[2]!;
        var correct = (long[])parts[3]!;
        var rows = new BoardRow[entries.Length / 2];
        for (var i = 0; i < rows.Length; i++)
        {
            var encoded = double.Parse((string)entries[(2 * i) + 1]!, NumberStyles.Float, CultureInfo.InvariantCulture);
            lowest = Math.Min(lowest, encoded);
            if (names[i].IsNull) (missingNames ??= []).Add(i);
            var nameParts = ((string?)names[i] ?? "0|").Split('|', 2);
            rows[i] = new BoardRow(from + i + 1, (long)entries[2 * i], nameParts[1], long.Parse(nameParts[0], CultureInfo.InvariantCulture),
                BoardScore.ScoreOf(encoded), (int)Math.Max(0, correct[i]), BoardScore.TotalMsOf(encoded));
        }
        return rows;
    }
}

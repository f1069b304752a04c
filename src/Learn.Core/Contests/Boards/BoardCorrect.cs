using System.Globalization;
using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

/// <summary>
/// Correct counts of a contest's board, packed (docs/decisions/0312-packed-correct-counts.md): one hash
/// field per 64 consecutive member ids, its value 64 × 4 hex digits (text, so every Redis and Garnet keeps it as is).
/// A rebuild after Redis returned empty writes ~16,000 fields for a million members instead of a million, and builds
/// them in memory; a change rewrites its member's 4 digits inside a script. A member's count is 0 until a change or a
/// rebuild sets it, as a missing hash field was before.
/// </summary>
public static class BoardCorrect
{
    public const int PerField = 64;
    private const int Digits = 4;
    private const int FieldLength = PerField * Digits;
    public const int Max = 0xFFFF;

    /// <summary>
    /// Lua functions the board scripts start with: <c>cset(key, member, count)</c> and <c>cget(key, member, cache)</c>
    /// (-1 when the member's field does not exist; <c>cache</c> keeps fields read in one call).
    /// </summary>
    public const string LuaFunctions = """
        local function cfield(m) return string.format('%d', math.floor(tonumber(m) / 64)) end
        local function cset(key, m, v)
          local f = cfield(m)
          local o = (tonumber(m) % 64) * 4
          local s = redis.call('HGET', key, f)
          if not s then s = string.rep('0', 256) end
          v = math.min(math.max(math.floor(tonumber(v)), 0), 65535)
          redis.call('HSET', key, f, string.sub(s, 1, o) .. string.format('%04x', v) .. string.sub(s, o + 5))
        end
        local function cget(key, m, cache)
          local f = cfield(m)
          local s = cache[f]
          if s == nil then
            s = redis.call('HGET', key, f) or false
            cache[f] = s
          end
          if not s then return -1 end
          local o = (tonumber(m) % 64) * 4
          return tonumber(string.sub(s, o + 1, o + 4), 16)
        end

        """;

    /// <summary>Sets one member's count (the drain after a rebuild): KEYS[1] the counts, ARGV member, count.</summary>
    public const string SetScript = LuaFunctions + "cset(KEYS[1], ARGV[1], ARGV[2])\nreturn 1\n";

    public static RedisValue Field(long member) => (member / PerField).ToString(CultureInfo.InvariantCulture);

    /// <summary>A member's count in a field's value; null when the field does not exist.</summary>
    public static int? Decode(RedisValue field, long member)
    {
        if (field.IsNull) return null;
        var text = (string)field!;
        var at = (int)(member % PerField) * Digits;
        return text.Length < at + Digits ? 0 : int.Parse(text.AsSpan(at, Digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    /// <summary>Counts of <paramref name="members"/> (null: no field, i.e. never set), read directly — tests and the bench's books.</summary>
    public static async Task<int?[]> ReadAsync(IDatabaseAsync db, long contestId, IReadOnlyList<long> members)
    {
        var fields = members.Select(Field).Distinct().ToArray();
        var values = await db.HashGetAsync(BoardKeys.Correct(contestId), fields);
        var byField = fields.Zip(values).ToDictionary(p => (string)p.First!, p => p.Second);
        return [.. members.Select(m => Decode(byField[(string)Field(m)!], m))];
    }

    /// <summary>The fields for a rebuild, built in memory: one entry per 64-member stretch that has a participant.</summary>
    public static HashEntry[] Fields(IEnumerable<(long Member, int Correct)> counts)
    {
        var fields = new Dictionary<long, char[]>();
        foreach (var (member, correct) in counts)
        {
            if (!fields.TryGetValue(member / PerField, out var text))
                fields[member / PerField] = text = new string('0', FieldLength).ToCharArray();
            var value = Math.Clamp(correct, 0, Max);
            var at = (int)(member % PerField) * Digits;
            for (var d = Digits - 1; d >= 0; d--, value >>= 4) text[at + d] = "0123456789abcdef"[value & 0xF];
        }
        return [.. fields.Select(f => new HashEntry(f.Key, new string(f.Value)))];
    }
}

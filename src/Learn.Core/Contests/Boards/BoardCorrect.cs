using System.Globalization;
using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

/// <summary>
/// Correct counts and entry versions of a contest's board, packed (docs/decisions/0312-packed-correct-counts.md,
/// 0314-board-changes-by-entry-version.md): one hash field per 64 consecutive member ids, each member's slot 8 hex
/// digits — the correct count (4) and the entry version the board shows plus one (4; 0 = none yet). Text, so every
/// Redis and Garnet keeps it as is. A rebuild after Redis returned empty writes ~16,000 fields for a million members
/// instead of a million, built in memory; a change rewrites its member's slot inside a script. A member's count is 0
/// and version none until a change or a rebuild sets them.
/// </summary>
public static class BoardCorrect
{
    public const int PerField = 64;
    private const int CountDigits = 4;
    private const int Digits = 8;
    private const int FieldLength = PerField * Digits;
    public const int Max = 0xFFFF;
    private const int MaxVersion = 0xFFFF;

    /// <summary>
    /// Lua functions the board scripts start with: <c>cread(key, member)</c> (the member's field or false),
    /// <c>cver(field, member)</c> (stored version + 1, 0 = none), <c>cwrite(key, member, field, count, version + 1)</c>,
    /// <c>cset(key, member, count, version + 1)</c> and <c>cget(key, member, cache)</c> (the count; -1 when the member's
    /// field does not exist; <c>cache</c> keeps fields read in one call). The literals are this class's constants.
    /// </summary>
    public const string LuaFunctions = """
        local function cfield(m) return string.format('%d', math.floor(tonumber(m) / 64)) end
        local function cread(key, m) return redis.call('HGET', key, cfield(m)) end
        local function cver(s, m)
          if not s then return 0 end
          local o = (tonumber(m) % 64) * 8
          return tonumber(string.sub(s, o + 5, o + 8), 16)
        end
        local function cwrite(key, m, s, v, ver)
          local o = (tonumber(m) % 64) * 8
          if not s then s = string.rep('0', 512) end
          v = math.min(math.max(math.floor(tonumber(v)), 0), 65535)
          ver = math.min(math.max(math.floor(tonumber(ver)), 0), 65535)
          redis.call('HSET', key, cfield(m), string.sub(s, 1, o) .. string.format('%04x%04x', v, ver) .. string.sub(s, o + 9))
        end
        local function cset(key, m, v, ver) cwrite(key, m, cread(key, m), v, ver) end
        local function cget(key, m, cache)
          local f = cfield(m)
          local s = cache[f]
          if s == nil then
            s = redis.call('HGET', key, f) or false
            cache[f] = s
          end
          if not s then return -1 end
          local o = (tonumber(m) % 64) * 8
          return tonumber(string.sub(s, o + 1, o + 4), 16)
        end

        """;

    /// <summary>Sets one member's slot (the drain after a rebuild): KEYS[1] the slots, ARGV member, count, version + 1.</summary>
    public const string SetScript = LuaFunctions + "cset(KEYS[1], ARGV[1], ARGV[2], ARGV[3])\nreturn 1\n";

    public static RedisValue Field(long member) => (member / PerField).ToString(CultureInfo.InvariantCulture);

    /// <summary>A member's count in a field's value; null when the field does not exist.</summary>
    public static int? Decode(RedisValue field, long member) => Part(field, member, 0, CountDigits);

    /// <summary>The entry version a field's value holds for a member; null when none was stored.</summary>
    public static int? DecodeVersion(RedisValue field, long member) => Part(field, member, CountDigits, Digits - CountDigits) is { } v and > 0 ? v - 1 : null;

    private static int? Part(RedisValue field, long member, int from, int length)
    {
        if (field.IsNull) return null;
        var text = (string)field!;
        var at = ((int)(member % PerField) * Digits) + from;
        return text.Length < at + length ? 0 : int.Parse(text.AsSpan(at, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    /// <summary>Counts of <paramref name="members"/> (null: no field, i.e. never set), read directly — tests and the bench's books.</summary>
    public static async Task<int?[]> ReadAsync(IDatabaseAsync db, long contestId, IReadOnlyList<long> members) =>
        [.. (await ReadFieldsAsync(db, contestId, members)).Select((f, i) => Decode(f, members[i]))];

    /// <summary>Entry versions the board holds for <paramref name="members"/> (null: none), read directly — tests.</summary>
    public static async Task<int?[]> ReadVersionsAsync(IDatabaseAsync db, long contestId, IReadOnlyList<long> members) =>
        [.. (await ReadFieldsAsync(db, contestId, members)).Select((f, i) => DecodeVersion(f, members[i]))];

    private static async Task<RedisValue[]> ReadFieldsAsync(IDatabaseAsync db, long contestId, IReadOnlyList<long> members)
    {
        var fields = members.Select(Field).Distinct().ToArray();
        var values = await db.HashGetAsync(BoardKeys.Correct(contestId), fields);
        var byField = fields.Zip(values).ToDictionary(p => (string)p.First!, p => p.Second);
        return [.. members.Select(m => byField[(string)Field(m)!])];
    }

    /// <summary>The fields for a rebuild, built in memory: one entry per 64-member stretch that has a participant.</summary>
    public static HashEntry[] Fields(IEnumerable<(long Member, int Correct, int Version)> slots)
    {
        var fields = new Dictionary<long, char[]>();
        foreach (var (member, correct, version) in slots)
        {
            if (!fields.TryGetValue(member / PerField, out var text))
                fields[member / PerField] = text = new string('0', FieldLength).ToCharArray();
            var at = (int)(member % PerField) * Digits;
            Hex(text, at, CountDigits, Math.Clamp(correct, 0, Max));
            Hex(text, at + CountDigits, Digits - CountDigits, Math.Clamp(version + 1, 1, MaxVersion));
        }
        return [.. fields.Select(f => new HashEntry(f.Key, new string(f.Value)))];
    }

    private static void Hex(char[] text, int at, int length, int value)
    {
        for (var d = length - 1; d >= 0; d--, value >>= 4) text[at + d] = "0123456789abcdef"[value & 0xF];
    }
}

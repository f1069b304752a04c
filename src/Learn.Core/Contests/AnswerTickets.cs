using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Learn.Core.Auth;
using Microsoft.Extensions.Options;

namespace Learn.Core.Contests;

/// <summary>
/// The signed ticket of an issued question, so an answer needs no database look-up of what was issued
/// (docs/decisions/0306-answer-critical-path.md); in Learn.Core so the benchmark's seeder can issue them too.
/// Text: <c>{versionId}.{issuedAt}.{deadline}.{mac}</c>, times in microseconds since 1970 (PostgreSQL's precision, so the ticket scores exactly as the stored row would).
/// The MAC (HMAC-SHA256, first 128 bits) also covers member, contest, attempt and seq; those are not in the
/// text because the answer request already names them (token, URL, body): a ticket moved to another
/// member, attempt or question no longer verifies. The key is derived from <c>Auth:SigningKey</c> with its
/// own label, so a ticket can never pass for an access token or a binding ticket; every instance verifies.
/// </summary>
public sealed class AnswerTickets(IOptions<MemberTokenOptions> options)
{
    public sealed record Issued(long VersionId, DateTime IssuedAt, DateTime Deadline);

    private const int MacLength = 32, MaxLength = 100;

    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(options.Value.SigningKey!), 32,
        info: "learn:contest-answer-ticket"u8.ToArray());

    public string Issue(long memberId, long contestId, long attemptId, int seq, long versionId, DateTime issuedAt, DateTime deadline)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{versionId}.{Micros(issuedAt)}.{Micros(deadline)}");
        return body + "." + Mac(memberId, contestId, attemptId, seq, body);
    }

    /// <summary>What was issued, when <paramref name="ticket"/> is ours for exactly this member, attempt and question; else null.</summary>
    public Issued? Read(string ticket, long memberId, long contestId, long attemptId, int seq)
    {
        var dot = ticket.LastIndexOf('.');
        if (ticket.Length > MaxLength || dot < 0) return null;
        var (body, mac) = (ticket[..dot], ticket[(dot + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(mac), Encoding.ASCII.GetBytes(Mac(memberId, contestId, attemptId, seq, body))))
            return null;
        if (body.Split('.') is not [var version, var issued, var deadline]
            || !long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var versionId)
            || !long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var issuedUs)
            || !long.TryParse(deadline, NumberStyles.None, CultureInfo.InvariantCulture, out var deadlineUs))
            return null;
        return new Issued(versionId, Time(issuedUs), Time(deadlineUs));
    }

    private string Mac(long memberId, long contestId, long attemptId, int seq, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"answer|{memberId}|{contestId}|{attemptId}|{seq}|{body}"))))[..MacLength];

    // Truncated like Npgsql's own conversion, so the ticket holds the very value the row stores.
    private static long Micros(DateTime t) => (t.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    private static DateTime Time(long micros) => new(DateTime.UnixEpoch.Ticks + micros * 10, DateTimeKind.Utc);
}

using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Security;
using Microsoft.EntityFrameworkCore;
using Learn.Core.Organizations;

namespace Learn.Core.Contests;

/// <summary>
/// Turns a pasted list (one member a line: a mobile number, a name, or both, e.g. <c>张红梅 13800001111</c>)
/// into active members within the organiser's scope, with a Chinese message for every line it cannot
/// resolve. Names are often shared, so a name matching several members asks for the mobile instead of guessing.
/// </summary>
public sealed class ContestWhitelist(LearnDbContext db, PersonalDataProtector protector)
{
    public const int MaxLines = 5000;

    public sealed record Resolved(IReadOnlyList<long> MemberIds, IReadOnlyList<string> Errors);

    private sealed record Line(int Number, string Text, string? Mobile, string Name);

    private sealed record Found(long Id, string Name, string? MobileHash);

    public async Task<Resolved> ResolveAsync(string scopePath, string? text, CancellationToken ct = default)
    {
        var lines = (text ?? "").Split('\n').Select((t, i) => Parse(i + 1, t.Trim())).Where(l => l.Text.Length > 0).ToList();
        if (lines.Count > MaxLines) return new Resolved([], [$"名单最多 {MaxLines} 行，当前 {lines.Count} 行"]);
        var hashes = lines.Where(l => l.Mobile is not null).Select(l => protector.LookupHash(l.Mobile!)).Distinct().ToList();
        var names = lines.Where(l => l.Mobile is null && l.Name.Length > 0).Select(l => l.Name).Distinct().ToList();
        var inScope = db.Members.AsNoTracking().Within(m => m.Organization!.Path, scopePath).Where(m => m.Status == MemberStatus.Active);
        var byMobile = (await inScope.Where(m => m.MobileHash != null && hashes.Contains(m.MobileHash))
            .Select(m => new Found(m.Id, m.Name, m.MobileHash)).ToListAsync(ct)).ToDictionary(m => m.MobileHash!);
        var byName = (await inScope.Where(m => names.Contains(m.Name)).Select(m => new Found(m.Id, m.Name, null)).ToListAsync(ct))
            .ToLookup(m => m.Name);

        var ids = new List<long>();
        var errors = new List<string>();
        foreach (var line in lines)
        {
            var error = line switch
            {
                { Mobile: null } when line.Text.Any(char.IsAsciiDigit) => $"“{Short(line.Text)}”中的手机号格式不正确",
                { Mobile: null } when line.Name.Length > 50 || !line.Name.Any(char.IsLetter) => $"无法识别“{Short(line.Text)}”，请填写手机号或姓名",
                { Mobile: { } mobile } when !byMobile.TryGetValue(protector.LookupHash(mobile), out _) =>
                    $"手机号 {Mobile.Mask(mobile)} 不在您管理范围内的党员名册中",
                { Mobile: { } mobile, Name.Length: > 0 } when byMobile[protector.LookupHash(mobile)].Name != line.Name =>
                    $"手机号 {Mobile.Mask(mobile)} 与姓名“{line.Name}”不符",
                { Mobile: null } when byName[line.Name].Count() == 0 => $"您的管理范围内没有名为“{line.Name}”的党员",
                { Mobile: null } when byName[line.Name].Count() > 1 => $"“{line.Name}”有 {byName[line.Name].Count()} 人同名，请在姓名后加手机号",
                _ => null,
            };
            if (error is not null) errors.Add($"第 {line.Number} 行：{error}");
            else ids.Add(line.Mobile is { } m ? byMobile[protector.LookupHash(m)].Id : byName[line.Name].Single().Id);
        }
        return new Resolved(ids.Distinct().ToList(), errors);
    }

    private static Line Parse(int number, string text)
    {
        var mobile = Security.Mobile.Normalize(text);
        var name = new string(text.Where(c => !char.IsAsciiDigit(c) && c is not ('+' or '-' or ',' or '，' or '、' or '\t' or ' ' or '\u3000')).ToArray());
        return new Line(number, text, mobile, name);
    }

    private static string Short(string text) => text.Length <= 20 ? text : text[..20] + "…";
}

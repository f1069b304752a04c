using Learn.Core.Organizations;
using Learn.Core.Organizers;

namespace Learn.Core.Members;

/// <summary>Field rules shared by the member form and the roster import, with Chinese reasons.</summary>
public static class MemberRules
{
    public const int NameMax = 50;
    public const int PostMax = 50;

    public static string? NameError(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "姓名不能为空" : name.Trim().Length > NameMax ? $"姓名不能超过{NameMax}字" : null;

    public static string? PostError(string? post) => post?.Trim().Length > PostMax ? $"党内职务不能超过{PostMax}字" : null;

    public static string? JoinedError(DateOnly joined, DateOnly today) =>
        joined > today ? "入党日期不能晚于今天" : joined.Year < 1921 ? "入党日期不正确" : null;

    public static string? FullMemberError(DateOnly joined, DateOnly? full, DateOnly today) =>
        full is null ? null : full < joined ? "转正日期不能早于入党日期" : full > today ? "转正日期不能晚于今天" : null;

    /// <summary>Members belong to a 党支部 (or one of its 党小组), not to committees above it.</summary>
    public static string? OrganizationKindError(Organization org) =>
        org.Kind is OrganizationKind.Branch or OrganizationKind.Group ? null : "党员只能编入党支部或党小组";

    public static Refusal? Validate(MemberInput input, DateOnly today)
    {
        if (NameError(input.Name) is { } n) return Refusal.Invalid("name", n);
        if (!Enum.IsDefined(input.Gender)) return Refusal.Invalid("gender", "性别不正确");
        if (!string.IsNullOrWhiteSpace(input.Mobile) && Security.Mobile.Normalize(input.Mobile) is null)
            return Refusal.Invalid("mobile", "手机号应为11位中国大陆手机号");
        if (JoinedError(input.JoinedPartyOn, today) is { } j) return Refusal.Invalid("joinedPartyOn", j);
        if (FullMemberError(input.JoinedPartyOn, input.FullMemberOn, today) is { } f) return Refusal.Invalid("fullMemberOn", f);
        if (PostError(input.Post) is { } p) return Refusal.Invalid("post", p);
        return null;
    }
}

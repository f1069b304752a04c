using System.Globalization;
using System.Text.RegularExpressions;
using Learn.Core.Security;

namespace Learn.Core.Members.Roster;

/// <summary>
/// One well-formed roster row: the member it describes (not yet matched), its clear mobile, or the masked one
/// an export wrote (138****0000, which names no number and so never changes the stored one), and its member number.
/// </summary>
internal sealed record RosterRow(int Row, Member Member, string? Mobile, string? MaskedMobile, long? MemberNumber);

/// <summary>Turns one roster row into a <see cref="RosterRow"/>, adding a Chinese reason per bad cell.</summary>
internal static partial class RosterRowParser
{
    public static RosterRow? Parse(int row, Func<string, string> cell, RosterOrganizations orgs, DateOnly today, List<RosterRowError> errors)
    {
        void Error(string column, string reason) => errors.Add(new RosterRowError(row, column, reason));
        var before = errors.Count;

        var name = cell(RosterFormat.Name);
        if (MemberRules.NameError(name) is { } nameError) Error(RosterFormat.Name, nameError);

        var gender = cell(RosterFormat.Gender) switch
        {
            "男" => Gender.Male,
            "女" => Gender.Female,
            "" => Gender.Unknown,
            _ => (Gender?)null,
        };
        if (gender is null) Error(RosterFormat.Gender, "性别应填写“男”或“女”");

        long? number = null;
        var numberText = cell(RosterFormat.MemberNumber);
        if (numberText.Length > 0)
        {
            if (long.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) number = n;
            else Error(RosterFormat.MemberNumber, "党员编号应为导出名册中的数字编号；新党员请留空");
        }

        string? mobile = null, masked = null;
        var mobileText = cell(RosterFormat.Mobile);
        if (MaskedMobile().IsMatch(mobileText)) masked = mobileText;
        else if (mobileText.Length > 0 && (mobile = Mobile.Normalize(mobileText)) is null)
            Error(RosterFormat.Mobile, "手机号应为11位中国大陆手机号");

        var (org, orgError) = orgs.Resolve(cell(RosterFormat.Organization));
        if (orgError is not null) Error(RosterFormat.Organization, orgError);
        else if (MemberRules.OrganizationKindError(org!) is { } kindError) Error(RosterFormat.Organization, kindError);

        DateOnly joined = default;
        var joinedText = cell(RosterFormat.JoinedPartyOn);
        if (joinedText.Length == 0) Error(RosterFormat.JoinedPartyOn, "入党日期不能为空");
        else if (!RosterFormat.TryParseDate(joinedText, out joined)) Error(RosterFormat.JoinedPartyOn, "日期格式应为 2020-07-01");
        else if (MemberRules.JoinedError(joined, today) is { } joinedError) Error(RosterFormat.JoinedPartyOn, joinedError);

        DateOnly? full = null;
        var fullText = cell(RosterFormat.FullMemberOn);
        if (fullText.Length > 0)
        {
            if (!RosterFormat.TryParseDate(fullText, out var f)) Error(RosterFormat.FullMemberOn, "日期格式应为 2021-07-01");
            else if (joined != default && MemberRules.FullMemberError(joined, f, today) is { } fullError) Error(RosterFormat.FullMemberOn, fullError);
            else full = f;
        }

        var post = cell(RosterFormat.Post);
        if (MemberRules.PostError(post) is { } postError) Error(RosterFormat.Post, postError);

        var cadre = cell(RosterFormat.LeadingCadre) switch
        {
            "是" => true,
            "否" or "" => false,
            _ => (bool?)null,
        };
        if (cadre is null) Error(RosterFormat.LeadingCadre, "是否领导干部应填写“是”或“否”");

        if (errors.Count > before) return null;
        var member = new Member
        {
            Name = name, Gender = gender!.Value, OrganizationId = org!.Id, JoinedPartyOn = joined, FullMemberOn = full,
            Post = post.Length == 0 ? null : post, IsLeadingCadre = cadre!.Value, Status = MemberStatus.Active,
        };
        return new RosterRow(row, member, mobile, masked, number);
    }

    /// <summary>The form <see cref="Mobile.Mask"/> writes into exports.</summary>
    [GeneratedRegex(@"^1\d{2}\*{4}\d{4}$")]
    private static partial Regex MaskedMobile();
}

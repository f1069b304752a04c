using Learn.Core.Security;

namespace Learn.Core.Members.Roster;

/// <summary>Turns one roster row into a <see cref="Member"/>, adding a Chinese reason per bad cell.</summary>
internal static class RosterRowParser
{
    public static Member? Parse(int row, Func<string, string> cell, RosterOrganizations orgs, DateOnly today,
        List<RosterRowError> errors, out string? mobile)
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

        mobile = null;
        var mobileText = cell(RosterFormat.Mobile);
        if (mobileText.Length > 0 && (mobile = Mobile.Normalize(mobileText)) is null)
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
        return new Member
        {
            Name = name, Gender = gender!.Value, OrganizationId = org!.Id, JoinedPartyOn = joined, FullMemberOn = full,
            Post = post.Length == 0 ? null : post, IsLeadingCadre = cadre!.Value, Status = MemberStatus.Active,
        };
    }
}

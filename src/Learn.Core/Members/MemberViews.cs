using Learn.Core.Organizations;

namespace Learn.Core.Members;

/// <summary>What an organiser submits to create or edit a member.</summary>
public sealed record MemberInput(string Name, Gender Gender, string? Mobile, long OrganizationId,
    DateOnly JoinedPartyOn, DateOnly? FullMemberOn, string? Post, bool IsLeadingCadre);

/// <summary>A roster row as organisers see it: the mobile only masked.</summary>
public sealed record MemberView(long Id, string Name, Gender Gender, string? MobileMasked, long OrganizationId,
    string OrganizationName, DateOnly JoinedPartyOn, DateOnly? FullMemberOn, string? Post, bool IsLeadingCadre,
    MemberStatus Status, DateOnly? LeftOn);

public sealed record MemberTransferView(long Id, long? FromOrganizationId, string? FromOrganizationName,
    long? ToOrganizationId, string? ToOrganizationName, DateOnly TransferredOn, string? Reason, DateTime RecordedAt);

public sealed record MemberDetail(MemberView Member, string OrganizationPathNames, bool IsBound,
    IReadOnlyList<MemberTransferView> Transfers);

/// <summary>The member as written to the audit log: never the clear mobile.</summary>
internal sealed record MemberSnapshot(string Name, Gender Gender, string? MobileMasked, long OrganizationId,
    DateOnly JoinedPartyOn, DateOnly? FullMemberOn, string? Post, bool IsLeadingCadre, MemberStatus Status, DateOnly? LeftOn)
{
    public static MemberSnapshot Of(Member m) => new(m.Name, m.Gender, m.MobileMasked, m.OrganizationId,
        m.JoinedPartyOn, m.FullMemberOn, m.Post, m.IsLeadingCadre, m.Status, m.LeftOn);
}

public static class MemberNames
{
    public static string ToChinese(this MemberStatus status) => status switch
    {
        MemberStatus.Active => "正常",
        MemberStatus.MovedAway => "已转出",
        MemberStatus.Deceased => "已故",
        _ => status.ToString(),
    };

    public static string ToChinese(this Gender gender) => gender switch
    {
        Gender.Male => "男",
        Gender.Female => "女",
        _ => "",
    };

    internal static MemberView View(Member m, Organization org) => new(m.Id, m.Name, m.Gender, m.MobileMasked,
        m.OrganizationId, org.Name, m.JoinedPartyOn, m.FullMemberOn, m.Post, m.IsLeadingCadre, m.Status, m.LeftOn);
}

using Learn.Core.Organizations;

namespace Learn.Core.Members;

/// <summary>A Party member on the roster. Members are never deleted: they move away or pass away.</summary>
public class Member
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public Gender Gender { get; set; }

    /// <summary>Mobile number encrypted with <see cref="Security.PersonalDataProtector"/>; never stored in clear.</summary>
    public string? MobileCipher { get; set; }

    /// <summary>Keyed hash of the normalised mobile, so binding by mobile is an indexed lookup.</summary>
    public string? MobileHash { get; set; }

    /// <summary>Display form such as 138****5678: what everyone but an entitled organiser sees.</summary>
    public string? MobileMasked { get; set; }

    public long OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>入党日期: the political birthday.</summary>
    public DateOnly JoinedPartyOn { get; set; }

    /// <summary>转正日期: date of full membership; null while a probationary member (预备党员).</summary>
    public DateOnly? FullMemberOn { get; set; }

    public MemberStatus Status { get; set; } = MemberStatus.Active;

    /// <summary>Party post such as 支部书记 or 组织委员; free text because units name posts differently.</summary>
    public string? Post { get; set; }

    /// <summary>领导干部: the audience of some integrity notices.</summary>
    public bool IsLeadingCadre { get; set; }

    /// <summary>When the member moved away or died; null while <see cref="MemberStatus.Active"/>.</summary>
    public DateOnly? LeftOn { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum Gender
{
    Unknown,
    Male,
    Female,
}

public enum MemberStatus
{
    /// <summary>正常</summary>
    Active,
    /// <summary>已转出</summary>
    MovedAway,
    /// <summary>已故</summary>
    Deceased,
}

namespace Learn.Core.Organizations;

public enum OrganizationKind
{
    /// <summary>机关党委</summary>
    PartyCommittee,
    /// <summary>党总支</summary>
    GeneralBranch,
    /// <summary>党支部</summary>
    Branch,
    /// <summary>党小组</summary>
    Group,
}

public static class OrganizationKindNames
{
    public static string ToChinese(this OrganizationKind kind) => kind switch
    {
        OrganizationKind.PartyCommittee => "机关党委",
        OrganizationKind.GeneralBranch => "党总支",
        OrganizationKind.Branch => "党支部",
        OrganizationKind.Group => "党小组",
        _ => kind.ToString(),
    };
}

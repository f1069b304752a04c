using Learn.Core.Security;

namespace Learn.Core.Members;

/// <summary>
/// The member fields an organiser maintains (the edit page, a roster re-import) in one list, so copying and comparing
/// them cannot drift apart; and the three forms a mobile is kept in (encrypted, lookup hash, masked).
/// </summary>
public static class MemberFields
{
    /// <summary>Copies the organiser-maintained fields (not organisation, mobile or status) from <paramref name="from"/>.</summary>
    public static void CopyEditable(Member from, Member to)
    {
        to.Name = from.Name;
        to.Gender = from.Gender;
        to.JoinedPartyOn = from.JoinedPartyOn;
        to.FullMemberOn = from.FullMemberOn;
        to.Post = from.Post;
        to.IsLeadingCadre = from.IsLeadingCadre;
    }

    /// <summary>True when any field <see cref="CopyEditable"/> copies differs.</summary>
    public static bool EditableDiffer(Member a, Member b) =>
        a.Name != b.Name || a.Gender != b.Gender || a.JoinedPartyOn != b.JoinedPartyOn || a.FullMemberOn != b.FullMemberOn
        || a.Post != b.Post || a.IsLeadingCadre != b.IsLeadingCadre;

    /// <summary>Stores a normalised mainland mobile: encrypted, its lookup hash (binding, duplicates) and the masked form shown.</summary>
    public static void StoreMobile(this PersonalDataProtector protector, Member member, string mobile)
    {
        member.MobileCipher = protector.Encrypt(mobile);
        member.MobileHash = protector.LookupHash(mobile);
        member.MobileMasked = Mobile.Mask(mobile);
    }
}

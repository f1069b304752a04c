using System.Globalization;

namespace Learn.Core.Members.Roster;

/// <summary>
/// The roster file format (docs/decisions/0101-roster-file-format.md, sample in docs/samples/):
/// one header row naming the columns (any order), then one member per row; CSV (UTF-8, or GB18030
/// as Excel on Chinese Windows saves it) or XLSX (first sheet). Export writes the same columns with
/// <see cref="MemberNumber"/> in front, so an exported file edited in Excel updates those members when
/// imported again (docs/decisions/0104-roster-reimport-and-masked-exports.md).
/// </summary>
public static class RosterFormat
{
    public const string Name = "姓名";
    public const string Gender = "性别";
    public const string Mobile = "手机号";
    public const string Organization = "所在组织";
    public const string JoinedPartyOn = "入党日期";
    public const string FullMemberOn = "转正日期";
    public const string Post = "党内职务";
    public const string LeadingCadre = "是否领导干部";

    /// <summary>党员编号: Learn's own number for the member (its id), written by the export, optional on import.</summary>
    public const string MemberNumber = "党员编号";

    public static IReadOnlyList<string> Columns { get; } =
        [Name, Gender, Mobile, Organization, JoinedPartyOn, FullMemberOn, Post, LeadingCadre];

    /// <summary>The export's columns: the import's, led by the member number.</summary>
    public static IReadOnlyList<string> ExportColumns { get; } = [MemberNumber, .. Columns];

    public static IReadOnlyList<string> RequiredColumns { get; } = [Name, Organization, JoinedPartyOn];

    /// <summary>Separator of the organisation's full path, e.g. 市直机关工委/第一党总支/第一党支部.</summary>
    public const char PathSeparator = '/';

    public const int MaxRows = 20_000;
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日"];

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string FormatDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

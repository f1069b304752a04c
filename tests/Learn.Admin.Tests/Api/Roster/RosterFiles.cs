using System.Net.Http.Headers;
using System.Text;
using Learn.TestSupport;

namespace Learn.Admin.Tests.Api.Roster;

/// <summary>Builds roster files the way organisers send them: CSV text, or an XLSX written part by part as Excel lays it out.</summary>
internal static class RosterFiles
{
    public const string Header = "姓名,性别,手机号,所在组织,入党日期,转正日期,党内职务,是否领导干部";

    public static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", rows) + "\n");

    public static byte[] Xlsx(IEnumerable<string[]> rows) =>
        HandMadeXlsx.FromRows(new[] { Header.Split(',') }.Concat(rows).Select(r => (IReadOnlyList<object?>)r));

    public static MultipartFormDataContent Upload(byte[] content, string fileName)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}

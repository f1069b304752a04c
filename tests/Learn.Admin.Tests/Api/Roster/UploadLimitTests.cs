using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Learn.Admin.Tests.Api.Organizers;
using Learn.Admin.Tests.Support;
using Learn.Core.Spreadsheets;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Tests.Api.Roster;

/// <summary>
/// Every upload entry point caps the request body (413, in Chinese) and the rows it reads; CSV saved by
/// Excel on Chinese Windows (GB18030) is read by every import, roster and questions alike.
/// </summary>
public class UploadLimitTests(KestrelAdminApiFactory factory) : IClassFixture<KestrelAdminApiFactory>
{
    private const int ElevenMegabytes = 11 * 1024 * 1024;

    private static MultipartFormDataContent Upload(byte[] content, string fieldName, string fileName)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, fieldName, fileName } };
    }

    private static byte[] Padding() => Encoding.ASCII.GetBytes(new string('x', ElevenMegabytes));

    /// <summary>As browsers and curl do for large bodies: the server may refuse by the announced length before any byte is sent.</summary>
    private static async Task<HttpResponseMessage> PostExpectingContinueAsync(HttpClient client, string url, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.ExpectContinue = true;
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task An_oversized_roster_upload_to_the_api_is_refused_with_413_in_chinese()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);

        var response = await PostExpectingContinueAsync(w.Super, "/api/admin/roster/import?dryRun=true", Upload(Padding(), "file", "big.csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.JsonAsync();
        problem.GetProperty("type").GetString().ShouldBe("urn:learn:problem:payload-too-large");
        problem.GetProperty("title").GetString().ShouldBe("提交的内容过大");
    }

    [Fact]
    public async Task A_roster_over_the_row_cap_is_refused_with_413_and_the_cap_in_chinese()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var rows = Enumerable.Range(0, 20_001).Select(i => $"党员{i},男,,{w.Committee.Name}/第一党总支/第一党支部,2001-07-01,,,否");

        var response = await w.Super.PostAsync("/api/admin/roster/import?dryRun=true", RosterFiles.Upload(RosterFiles.Csv([.. rows]), "many.csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var problem = await response.JsonAsync();
        problem.GetProperty("type").GetString().ShouldBe(SpreadsheetRefusal.TooLarge);
        problem.GetProperty("title").GetString().ShouldBe("文件超过20000行，一次最多导入20000行，请拆分后分批导入");
    }

    [Theory]
    [InlineData("/Members/Import")]
    [InlineData("/Questions/Import")]
    public async Task An_oversized_file_posted_to_a_site_import_form_gets_the_chinese_413_page(string page)
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var site = await factory.SignInToSiteAsync("sup" + w.Suffix);

        var form = Upload(Padding(), "upload", "big.csv");
        form.Add(new StringContent(await site.AntiforgeryTokenAsync(page)), "__RequestVerificationToken");
        var response = await PostExpectingContinueAsync(site, page + "?handler=Check", form);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("文件过大");
        html.ShouldContain("请上传不超过10MB的文件");
    }

    [Fact]
    public async Task A_question_file_saved_in_gb18030_passes_the_check_on_the_site()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var site = await factory.SignInToSiteAsync("sup" + w.Suffix);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var stem = "国标编码题" + w.Suffix;
        var csv = "题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,答案,分类,难度,解析\n"
            + $"单选,{stem}：党的根本宗旨是什么？,全心全意为人民服务,发展经济,,,,,A,党章,易,党章总纲\n";

        var response = await site.PostPageFormAsync("/Questions/Import", "Check", Upload(Encoding.GetEncoding("GB18030").GetBytes(csv), "upload", "题库-国标.csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("共 1 道题，全部通过检查");
        (await factory.WithDbAsync(db => db.Set<Learn.Core.Questions.QuestionVersion>().CountAsync(v => v.Stem.StartsWith(stem)))).ShouldBe(0);
    }

    [Fact]
    public async Task A_question_file_over_the_row_cap_is_refused_on_the_site()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var site = await factory.SignInToSiteAsync("sup" + w.Suffix);
        var xlsx = HandMadeXlsx.Build(sheet =>
        {
            for (var i = 0; i < 10_002; i++) sheet.Write("<row><c t=\"inlineStr\"><is><t>单选</t></is></c></row>");
        });
        var upload = new ByteArrayContent(xlsx);
        upload.Headers.ContentType = new MediaTypeHeaderValue(SpreadsheetFormats.XlsxContentType);

        var response = await site.PostPageFormAsync("/Questions/Import", "Check", new MultipartFormDataContent { { upload, "upload", "题库.xlsx" } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("文件超过10000行，一次最多导入10000行");
    }
}

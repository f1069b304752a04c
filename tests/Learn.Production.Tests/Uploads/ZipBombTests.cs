using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Learn.TestSupport;

namespace Learn.Production.Tests.Uploads;

/// <summary>
/// The roster XLSX that took the member API down (issue 14): ~1.8 MB that unpacks to ~460 MB, three million
/// copies of one row. Learn.Admin runs as a child process, so its memory is its own to measure: the kernel's
/// peak resident set (VmHWM in /proc/PID/status, reset through clear_refs just before the upload) is what the
/// machine actually had to give, including native zip buffers a managed-heap figure would miss, and nothing
/// the test process allocates (building the file, other tests) can blur it.
/// </summary>
public sealed class ZipBombTests(Deployment deployment) : IClassFixture<Deployment>, IAsyncLifetime
{
    private const string Password = "Dangjian#2026xue";
    private const int Rows = 3_000_000;
    private const string Line = "<row><c t=\"inlineStr\"><is><t>张三</t></is></c><c t=\"inlineStr\"><is><t>男</t></is></c><c t=\"inlineStr\"><is><t>第一党支部</t></is></c></row>";
    private readonly int _port = HostProcess.FreePort();
    private HostProcess? _admin;

    public async Task InitializeAsync()
    {
        var env = deployment.HostEnvironment(_port, HostProcess.FreePort());
        var (code, output) = await HostProcess.RunAsync("Learn.Admin", env, Password + "\n", "admin", "create", "bombtester");
        code.ShouldBe(0, output);
        _admin = HostProcess.Start("Learn.Admin", env, null);
        await _admin.WaitReadyAsync(new Uri($"http://127.0.0.1:{_port}"), TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        if (_admin is not null) await _admin.DisposeAsync();
    }

    [Fact]
    public async Task A_small_xlsx_that_unpacks_to_460_MB_is_refused_within_seconds_using_little_memory()
    {
        var bomb = HandMadeXlsx.Build(sheet =>
        {
            sheet.Write("<row><c t=\"inlineStr\"><is><t>姓名</t></is></c><c t=\"inlineStr\"><is><t>性别</t></is></c><c t=\"inlineStr\"><is><t>所在组织</t></is></c></row>");
            for (var i = 0; i < Rows; i++) sheet.Write(Line);
        });
        bomb.Length.ShouldBeLessThan(4 * 1024 * 1024); // about 3 MB with .NET's deflate; the 2018 file was 1.8 MB
        UnpackedSize(bomb).ShouldBeGreaterThan(400L * 1024 * 1024);

        using var http = await SignedInAsync();
        (await http.PostAsync("/api/admin/roster/import?dryRun=true", Upload(HandMadeXlsx.FromRows([["姓名"], ["热身"]])))).StatusCode
            .ShouldBe(HttpStatusCode.OK); // JIT and first-use allocations happen here, not in the measurement
        var before = Status("VmRSS");
        await File.WriteAllTextAsync($"/proc/{_admin!.Id}/clear_refs", "5"); // resets VmHWM to the current RSS

        var watch = Stopwatch.StartNew();
        var response = await http.PostAsync("/api/admin/roster/import?dryRun=true", Upload(bomb));
        watch.Stop();
        var peak = Status("VmHWM");

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe("urn:learn:problem:import-too-large");
        problem.GetProperty("title").GetString().ShouldBe("文件超过20000行，一次最多导入20000行，请拆分后分批导入");
        Console.WriteLine($"zip bomb refused in {watch.Elapsed.TotalSeconds:F1} s, peak RSS +{(peak - before) / 1048576} MB");
        // The old reader took 54 s and 7.8 GB; 20 s leaves room for a cold host (first OpenXml use) on a loaded 2-core CI,
        // where one run took 10.06 s while the whole suite ran beside it.
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        (peak - before).ShouldBeLessThan(200L * 1024 * 1024, $"peak {peak / 1048576} MB, before {before / 1048576} MB");
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(120) };
        var signIn = await http.PostAsJsonAsync("/api/admin/auth/sign-in", new { userName = "bombtester", password = Password });
        signIn.EnsureSuccessStatusCode();
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static MultipartFormDataContent Upload(byte[] xlsx)
    {
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { file, "file", "名册.xlsx" } };
    }

    private static long UnpackedSize(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        return zip.Entries.Sum(e => e.Length);
    }

    /// <summary>A memory line of /proc/PID/status ("VmRSS:   123456 kB"), in bytes.</summary>
    private long Status(string field)
    {
        var line = File.ReadLines($"/proc/{_admin!.Id}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}

using Learn.Admin.Hosting;
using Learn.Core.Contests;
using Learn.Core.Questions;
using Microsoft.AspNetCore.Mvc;

namespace Learn.Admin.Pages.Questions;

/// <summary>
/// 导入题目: upload → row-level report (row, column, reason) → confirm, like the roster import; the
/// file waits in Redis between the steps. Also the export of the whole bank in the import format.
/// </summary>
[RequestSizeLimit(MaxBytes + UploadLimits.FormOverhead)]
public sealed class ImportModel(QuestionImporter importer, QuestionBank bank, ContestCaches caches, PendingUploads uploads) : SuperAdminPageModel
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public QuestionImportReport? Report { get; private set; }
    public string? Token { get; private set; }
    public string? FileName { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnGetExportAsync(string format, CancellationToken ct)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        var buffer = new MemoryStream();
        await bank.ExportAsync(buffer, csv ? QuestionFileFormat.Csv : QuestionFileFormat.Xlsx, ct);
        return File(buffer.ToArray(), csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            csv ? "题库.csv" : "题库.xlsx");
    }

    public async Task<IActionResult> OnPostCheckAsync(IFormFile? upload, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0 || upload.Length > MaxBytes || FormatOf(upload.FileName) is not { } format)
        {
            ModelState.AddModelError("", "请选择不超过10MB的 CSV 或 XLSX 题目文件");
            return Page();
        }
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        FileName = Path.GetFileName(upload.FileName);
        Report = await importer.ImportAsync(new MemoryStream(buffer.ToArray()), format, dryRun: true, Scope.Actor(), ct);
        if (!Report.HasErrors && Report.Rows > 0) Token = await uploads.StoreAsync(Scope.AccountId, FileName, buffer.ToArray());
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? token, CancellationToken ct)
    {
        var upload = await uploads.ClaimAsync(Scope.AccountId, token); // one confirm imports, a second click does not
        if (upload is null || FormatOf(upload.FileName) is not { } format)
        {
            ModelState.AddModelError("", "该文件已导入、正在导入或已过期；如需再次导入，请重新上传");
            return Page();
        }
        FileName = upload.FileName;
        var report = await importer.ImportAsync(new MemoryStream(upload.Content), format, dryRun: false, Scope.Actor(), ct);
        if (!report.Committed)
        {
            await uploads.ReleaseAsync(Scope.AccountId, token!);
            Report = report;
            ModelState.AddModelError("", $"文件中有{report.Errors.Count}处错误，未导入任何题目");
            return Page();
        }
        await uploads.RemoveAsync(Scope.AccountId, token!);
        caches.ForgetPool();
        Flash = $"已导入 {report.Rows} 道题目（{upload.FileName}）";
        return RedirectToPage("Index");
    }

    private static QuestionFileFormat? FormatOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".csv" => QuestionFileFormat.Csv,
        ".xlsx" => QuestionFileFormat.Xlsx,
        _ => null,
    };
}

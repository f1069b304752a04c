using System.Text;
using Learn.Admin.Hosting;
using Learn.Core.Members.Roster;
using Microsoft.AspNetCore.Mvc;

namespace Learn.Admin.Pages.Members;

/// <summary>
/// 名册导入 in two steps: upload → dry-run report (every bad row: row, column, reason; else per row 新建 / 更新 / 无变化) → confirm.
/// The file waits in <see cref="PendingUploads"/> between the steps; the confirm re-checks everything
/// (the roster may have changed) and imports all rows or none.
/// </summary>
[RequestSizeLimit(RosterFormat.MaxBytes + UploadLimits.FormOverhead)]
public sealed class ImportModel(RosterImport import, PendingUploads uploads) : AdminPageModel
{
    /// <summary>The dry-run report lists this many rows; the counts above it cover them all.</summary>
    public const int RowsShown = 500;

    public RosterImportResult? Report { get; private set; }
    public string? Token { get; private set; }
    public string? FileName { get; private set; }

    public void OnGet() { }

    /// <summary>An empty roster with the header row, UTF-8 with a BOM so Excel reads the Chinese.</summary>
    public FileContentResult OnGetTemplate() =>
        File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join(",", RosterFormat.Columns) + "\r\n")).ToArray(),
            "text/csv; charset=utf-8", "党员名册模板.csv");

    public async Task<IActionResult> OnPostCheckAsync(IFormFile? upload, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError("", "请选择名册文件（CSV 或 XLSX）");
            return Page();
        }
        if (upload.Length > RosterFormat.MaxBytes)
        {
            ModelState.AddModelError("", "文件不能超过10MB");
            return Page();
        }
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        var content = buffer.ToArray();
        FileName = Path.GetFileName(upload.FileName);
        var outcome = await import.ImportAsync(Scope, content, FileName, dryRun: true, ct);
        if (outcome.Refusal is { } refusal) return Refused(refusal, "");
        Report = outcome.Value;
        if (Report!.Errors.Count == 0 && Report.Total > 0) Token = await uploads.StoreAsync(Scope.AccountId, FileName, content);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? token, CancellationToken ct)
    {
        var upload = await uploads.ClaimAsync(Scope.AccountId, token);
        if (upload is null)
        {
            ModelState.AddModelError("", "该名册已导入、正在导入或已过期；如需再次导入，请重新上传");
            return Page();
        }
        FileName = upload.FileName;
        var outcome = await import.ImportAsync(Scope, upload.Content, upload.FileName, dryRun: false, ct);
        if (outcome.Refusal is { } refusal)
        {
            await uploads.ReleaseAsync(Scope.AccountId, token!);
            return Refused(refusal, "");
        }
        if (outcome.Value!.Errors.Count > 0)
        {
            // Someone changed the roster since the check: nothing was imported, show why.
            await uploads.ReleaseAsync(Scope.AccountId, token!);
            Report = outcome.Value;
            ModelState.AddModelError("", $"名册中有{Report.Errors.Count}处错误，未导入任何数据");
            return Page();
        }
        await uploads.RemoveAsync(Scope.AccountId, token!);
        var done = outcome.Value;
        Flash = $"已导入 {done.Imported} 名党员：新建 {done.Created} 名，更新 {done.Updated} 名，无变化 {done.Unchanged} 名（{upload.FileName}）";
        return RedirectToPage("Index", new { sort = "-createdAt" });
    }
}

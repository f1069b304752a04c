using Learn.Core.Organizers;
using Microsoft.AspNetCore.Http;

namespace Learn.Core.Spreadsheets;

/// <summary>How a refused file is answered: 413 for a file over a cap (rows or bytes), 400 for one that cannot be read.</summary>
public static class SpreadsheetRefusal
{
    /// <summary>The file has more rows than an import takes, or more bytes than the request limit.</summary>
    public const string TooLarge = "urn:learn:problem:import-too-large";

    public static Refusal From(SpreadsheetRejectedException e) => e.TooManyRows
        ? new Refusal(StatusCodes.Status413PayloadTooLarge, TooLarge, e.Message)
        : Refusal.Invalid("file", e.Message);

    public static Refusal FileTooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, TooLarge, $"文件不能超过{maxBytes / (1024 * 1024)}MB");
}

using Learn.Core.Spreadsheets;

namespace Learn.Core.Members.Roster;

/// <summary>A roster file's cells as text, with the row numbers the organiser sees in Excel (header = 1).</summary>
public sealed record RosterTable(IReadOnlyList<string> Header, IReadOnlyList<SheetRow> Rows);

/// <summary>Reads CSV and XLSX roster files (by content, not name) through the shared <see cref="SpreadsheetReader"/>.</summary>
public static class RosterFile
{
    /// <summary>Throws <see cref="SpreadsheetRejectedException"/> for an unreadable file or one over <see cref="RosterFormat.MaxRows"/>.</summary>
    public static RosterTable Read(byte[] bytes, CancellationToken ct = default)
    {
        using var content = new MemoryStream(bytes, writable: false);
        var rows = SpreadsheetReader.Read(content, SpreadsheetFormats.Sniff(content), RosterFormat.MaxRows, ct);
        return rows.Count == 0 ? new RosterTable([], []) : new RosterTable(rows[0].Cells, rows.Skip(1).ToList());
    }
}

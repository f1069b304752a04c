using System.IO.Compression;
using System.Security;
using System.Text;

namespace Learn.TestSupport;

/// <summary>
/// XLSX files written part by part, as Excel lays them out, without the product's writer: inline-string rows,
/// date cells (a style with a date number format) and numbers. The sheet is streamed into a deflating zip
/// entry, so a test can build a file that unpacks to hundreds of megabytes while holding only the compressed bytes.
/// </summary>
public static class HandMadeXlsx
{
    /// <summary>Style 1 shows a number as yyyy/m/d, like a date typed into Excel on Chinese Windows.</summary>
    public const int DateStyle = 1;

    public static byte[] FromRows(IEnumerable<IReadOnlyList<object?>> rows) => Build(sheet =>
    {
        var number = 0;
        foreach (var row in rows)
        {
            number++;
            sheet.Write($"<row r=\"{number}\">");
            foreach (var value in row) sheet.Write(Cell(value));
            sheet.Write("</row>");
        }
    });

    /// <summary>A cell as Excel writes it: text inline, numbers plain, dates as serial numbers in the date style.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "<c/>",
        DateOnly d => $"<c s=\"{DateStyle}\"><v>{d.ToDateTime(TimeOnly.MinValue).ToOADate()}</v></c>",
        double or int or long => FormattableString.Invariant($"<c><v>{value}</v></c>"),
        _ => $"<c t=\"inlineStr\"><is><t>{SecurityElement.Escape(value.ToString())}</t></is></c>",
    };

    /// <summary>The whole package; <paramref name="writeRows"/> writes the sheetData's rows into the compressing stream.</summary>
    public static byte[] Build(Action<TextWriter> writeRows)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""");
            Entry(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Entry(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Entry(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");
            Entry(zip, "xl/styles.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy/m/d"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="176" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""");
            var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal);
            using var writer = new StreamWriter(sheet.Open(), new UTF8Encoding(false), 64 * 1024);
            writer.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            writeRows(writer);
            writer.Write("</sheetData></worksheet>");
        }
        return buffer.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(xml);
    }
}

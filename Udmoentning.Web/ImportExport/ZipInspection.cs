using System.IO.Compression;

namespace Udmoentning.Web.ImportExport;

/// <summary>
/// Checks an uploaded zip before any Excel reader sees it: entry count, declared and actually unpacked sizes,
/// compression ratio, the parts an .xlsx must have, and XML document type declarations.
/// </summary>
internal static class ZipInspection
{
    public const long MaxUnpackedBytes = 100L * 1024 * 1024;
    public const int MaxEntries = 2_000;
    public const double MaxRatio = 200;

    // Small parts may compress very well without being a threat; the ratio is judged on parts above this size.
    private const long RatioFloorBytes = 1024 * 1024;

    private static readonly byte[][] _doctypes =
    [
        "<!DOCTYPE"u8.ToArray(),
        System.Text.Encoding.Unicode.GetBytes("<!DOCTYPE"),
        System.Text.Encoding.BigEndianUnicode.GetBytes("<!DOCTYPE"),
    ];

    /// <summary>Null when the zip may be handed to the Excel reader; otherwise the Danish reason it may not.</summary>
    public static string? Refusal(ZipArchive zip)
    {
        if (zip.Entries.Count > MaxEntries)
        {
            return WorkbookFile.TooLargeUnpacked;
        }

        long declared = 0;
        foreach (var entry in zip.Entries)
        {
            declared += entry.Length;
            if (entry.Length < 0 || declared > MaxUnpackedBytes
                || (entry.Length > RatioFloorBytes && entry.Length > MaxRatio * Math.Max(entry.CompressedLength, 1)))
            {
                return WorkbookFile.TooLargeUnpacked;
            }
        }

        if (zip.GetEntry("xl/workbook.xml") is null)
        {
            return "Filen er en zip-fil, men ikke en Excel-projektmappe (.xlsx). Gem den i Excel som \"Excel-projektmappe\", og prøv igen.";
        }

        long unpacked = 0;
        const int overlap = 32;
        var buffer = new byte[overlap + 81_920];
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            long read = 0;
            var kept = 0;
            int count;
            while ((count = stream.Read(buffer, kept, buffer.Length - kept)) > 0)
            {
                read += count;
                unpacked += count;

                // .NET stops at the declared size, but what is actually unpacked is what counts, whatever reads it.
                if (read > entry.Length || unpacked > MaxUnpackedBytes)
                {
                    return WorkbookFile.TooLargeUnpacked;
                }

                var window = buffer.AsSpan(0, kept + count);
                foreach (var pattern in _doctypes)
                {
                    if (window.IndexOf(pattern) >= 0)
                    {
                        return "Filen indeholder en dokumenttypeerklæring (DTD), som Excel ikke selv skriver. Den læses ikke af sikkerhedshensyn.";
                    }
                }

                // Keep the end of this chunk, so a declaration split between two chunks is still seen.
                kept = Math.Min(overlap, window.Length);
                window[^kept..].CopyTo(buffer);
            }
        }

        return null;
    }
}

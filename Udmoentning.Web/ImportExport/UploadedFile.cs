using Microsoft.AspNetCore.Components.Forms;

namespace Udmoentning.Web.ImportExport;

/// <summary>An uploaded file read whole into memory within its page's limit, for the import pages to preview.</summary>
public static class UploadedFile
{
    /// <summary>
    /// The file's bytes, or the Danish reason there are none: over <paramref name="maxBytes"/> (answered at once, nothing is
    /// fetched), or the browser's upload broke off.
    /// </summary>
    public static async Task<(byte[]? Bytes, string? Error)> ReadAsync(IBrowserFile file, long maxBytes)
    {
        if (file.Size > maxBytes)
        {
            return (null, WorkbookFile.TooLargeMessage(file.Size, maxBytes));
        }

        try
        {
            await using var stream = file.OpenReadStream(maxBytes);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            return (buffer.ToArray(), null);
        }
        catch (IOException)
        {
            return (null, WorkbookFile.NotFetched);
        }
    }
}

using System.Text;

namespace Udmoentning.Web.Access;

/// <summary>
/// Where sign-in may send a user back to: only a path on this site, never another host. The rules are those of
/// ASP.NET Core's IsLocalUrl, stricter: a browser drops tabs and line breaks from a URL ("/\t/evil" becomes "//evil",
/// another site) and reads "\" as "/", so a control character or a backslash anywhere makes the URL unsafe.
/// </summary>
public static class ReturnUrls
{
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && !url.Contains('\\')
        && !url.Any(char.IsControl);

    /// <summary>The URL when it is local, otherwise the start page; letters beyond ASCII are percent-encoded so it fits a Location header.</summary>
    public static string LocalOnly(string? url) => IsLocal(url) ? EncodeNonAscii(url!) : "/";

    private static string EncodeNonAscii(string url)
    {
        if (Ascii.IsValid(url))
        {
            return url;
        }

        var encoded = new StringBuilder(url.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                encoded.Append((char)rune.Value);
                continue;
            }

            foreach (var b in bytes[..rune.EncodeToUtf8(bytes)])
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}

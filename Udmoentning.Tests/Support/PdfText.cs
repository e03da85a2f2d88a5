using System.Text;

namespace Udmoentning.Tests.Support;

/// <summary>How the PDF tests compare text with a PDF's text layer.</summary>
public static class PdfText
{
    /// <summary>
    /// Text without white space, and with typographic ligatures written out: a PDF's text layer places words by position and
    /// may not carry the spaces, and Chromium sets "ff", "fi" and "fl" as one glyph ("ﬀ"), which the text layer keeps.
    /// Apply it to both sides of a comparison.
    /// </summary>
    public static string Squeeze(string text) =>
        string.Concat(text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)));
}

namespace Udmoentning.Tests.Support;

/// <summary>How the PDF tests compare text with a PDF's text layer.</summary>
public static class PdfText
{
    /// <summary>
    /// Text without white space: a PDF's text layer places words by position and may not carry the spaces. Apply it to both
    /// sides of a comparison. Ligatures are not written out: the print pages ask for none, so text found is text as typed.
    /// </summary>
    public static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>Typographic ligatures ("ﬀ", "ﬁ", "ﬂ" …): in a PDF's text layer, letters a search for the word does not find.</summary>
    public static bool IsLigature(char c) => c is >= 'ﬀ' and <= 'ﬆ';
}

using System.Text;

namespace Udmoentning.Domain;

/// <summary>
/// Where a long Danish compound may break on a narrow screen. A browser breaks a word only at spaces and hyphens unless
/// it has a hyphenation dictionary for Danish (Chromium on Linux and many thin clients have none), so a committee's name
/// such as "Sundhedsforebyggelsesudvalget" in a heading ran off a phone's screen. A soft hyphen (U+00AD) is invisible
/// until a line breaks at it, and then shows as a hyphen: the word stays whole or is hyphenated as Danish is.
/// Breaks go where Danish compounds join: before a name's last element (udvalget, bestyrelsen, …) and after a linking
/// s that follows a suffix which always takes one in compounds (-hed, -else, -ing, -tion, -dom, -skab, -tet, -ment).
/// </summary>
public static class CompoundWords
{
    public const char SoftHyphen = '\u00AD';

    /// <summary>Words shorter than this fit any screen's line in any heading.</summary>
    private const int LongWord = 13;

    /// <summary>Neither side of a break is shorter than this.</summary>
    private const int ShortestPart = 4;

    // Longest first, so that "udvalget" is found before "udvalg".
    private static readonly string[] _lastElements =
    [
        "forvaltningen", "forvaltning", "bestyrelsen", "bestyrelse", "udvalgene", "udvalget", "udvalg", "området", "område",
        "rådet", "centret", "centeret", "center",
    ];

    private static readonly string[] _linkingSuffixes = ["heds", "elses", "ings", "ions", "doms", "skabs", "tets", "ments"];

    /// <summary>The text with soft hyphens at the joints of its long compounds; short words and other text unchanged.</summary>
    public static string Hyphenate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length + 8);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetter(text[i]))
            {
                continue;
            }

            if (i > start)
            {
                AppendWord(result, text.AsSpan(start, i - start));
            }

            if (i < text.Length)
            {
                result.Append(text[i]);
            }

            start = i + 1;
        }

        return result.ToString();
    }

    private static void AppendWord(StringBuilder result, ReadOnlySpan<char> word)
    {
        if (word.Length < LongWord || word.Contains(SoftHyphen))
        {
            result.Append(word);
            return;
        }

        var breaks = new SortedSet<int>();
        foreach (var last in _lastElements)
        {
            if (word.EndsWith(last, StringComparison.OrdinalIgnoreCase))
            {
                breaks.Add(word.Length - last.Length);
                break;
            }
        }

        for (var at = ShortestPart; at <= word.Length - ShortestPart; at++)
        {
            foreach (var suffix in _linkingSuffixes)
            {
                if (at >= suffix.Length && word[(at - suffix.Length)..at].Equals(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    breaks.Add(at);
                }
            }
        }

        var from = 0;
        foreach (var at in breaks)
        {
            if (at - from < ShortestPart || word.Length - at < ShortestPart)
            {
                continue;
            }

            result.Append(word[from..at]).Append(SoftHyphen);
            from = at;
        }

        result.Append(word[from..]);
    }
}

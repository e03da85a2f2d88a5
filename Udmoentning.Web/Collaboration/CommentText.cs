using System.Text;
using Udmoentning.Domain;

namespace Udmoentning.Web.Collaboration;

/// <summary>A piece of a comment's text; <see cref="IsMention"/> marks "@ØU" or "@Fornavn Efternavn" of a known committee or user.</summary>
public sealed record CommentPart(string Text, bool IsMention);

/// <summary>
/// Splits a comment into plain text and mentions, so the thread can highlight them. The parts are text, rendered (and so
/// encoded) by Razor like any other text: a comment never becomes markup.
/// </summary>
public static class CommentText
{
    public static IReadOnlyList<CommentPart> Parts(string text, IReadOnlyList<string> mentions)
    {
        text = DisplayText.Safe(text);
        var known = mentions.Where(m => m.Length > 0).OrderByDescending(m => m.Length).ToList();
        var parts = new List<CommentPart>();
        var plain = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '@' && (i == 0 || !char.IsLetterOrDigit(text[i - 1])) && MentionAt(text, i + 1, known) is { } length)
            {
                if (plain.Length > 0)
                {
                    parts.Add(new CommentPart(plain.ToString(), false));
                    plain.Clear();
                }

                parts.Add(new CommentPart(text.Substring(i, length + 1), true));
                i += length + 1;
                continue;
            }

            plain.Append(text[i]);
            i++;
        }

        if (plain.Length > 0)
        {
            parts.Add(new CommentPart(plain.ToString(), false));
        }

        return parts;
    }

    /// <summary>The length of the known name at <paramref name="start"/>, if one stands there as a whole word.</summary>
    private static int? MentionAt(string text, int start, List<string> known)
    {
        foreach (var name in known)
        {
            var end = start + name.Length;
            if (end <= text.Length
                && string.Compare(text, start, name, 0, name.Length, StringComparison.CurrentCultureIgnoreCase) == 0
                && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return name.Length;
            }
        }

        return null;
    }
}

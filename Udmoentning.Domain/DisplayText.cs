using System.Diagnostics.CodeAnalysis;
using System.Text;
using Udmoentning.Domain.Input;

namespace Udmoentning.Domain;

/// <summary>
/// Stored text as it may be shown. New input with invisible formatting is refused (<see cref="TextRules.Check"/>),
/// but text saved before that check, or brought in by an old import, may still carry a right-to-left override or a
/// zero-width character that makes it read differently from what it is. Shown text drops them.
/// </summary>
public static class DisplayText
{
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Safe(string? text)
    {
        if (text is null || !text.Any(IsHidden))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsHidden(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // Line breaks and tabs are kept: notes and descriptions are multi-line.
    private static bool IsHidden(char c) => TextRules.IsRefused(c, multiLine: true);
}

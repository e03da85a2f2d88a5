namespace Udmoentning.Domain.Notifications;

/// <summary>Someone who can be mentioned in a comment: "@Rasmus Redaktør" by name.</summary>
public sealed record Mentionable(string UserId, string Name);

/// <summary>A committee whose editors are mentioned together: "@AU".</summary>
public sealed record MentionableCommittee(int Id, string ShortCode);

/// <summary>Who a comment mentions: people by id and committees by id.</summary>
public sealed record MentionsFound(IReadOnlySet<string> UserIds, IReadOnlySet<int> CommitteeIds)
{
    public bool IsEmpty => UserIds.Count == 0 && CommitteeIds.Count == 0;
}

/// <summary>
/// Finds mentions in a comment: an "@" at the start or after a space or punctuation (so an e-mail address is not one),
/// followed by a person's whole display name ("@Rasmus Redaktør (AU)"), or the name without its parenthesis ("@Rasmus
/// Redaktør"), or a committee's short code ("@AU"), and then no further letter or digit. Case does not matter; the longest
/// name that fits wins, so "@Anne Marie Hansen" is not "@Anne Marie".
/// </summary>
public static class Mentions
{
    public static MentionsFound Find(string? text, IEnumerable<Mentionable> people, IEnumerable<MentionableCommittee> committees)
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        var committeeIds = new HashSet<int>();
        if (string.IsNullOrEmpty(text) || !text.Contains('@', StringComparison.Ordinal))
        {
            return new MentionsFound(users, committeeIds);
        }

        // Longest first: the first that fits is the longest.
        var names = people
            .SelectMany(p => NamesOf(p.Name).Select(n => (Name: n, Person: (string?)p.UserId, Committee: (int?)null)))
            .Concat(committees.Select(c => (Name: c.ShortCode.Trim(), Person: (string?)null, Committee: (int?)c.Id)))
            .Where(n => n.Name.Length > 0)
            .OrderByDescending(n => n.Name.Length)
            .ToList();
        for (var at = text.IndexOf('@', StringComparison.Ordinal); at >= 0; at = text.IndexOf('@', at + 1))
        {
            if (at > 0 && char.IsLetterOrDigit(text[at - 1]))
            {
                continue;
            }

            foreach (var (name, person, committee) in names)
            {
                var start = at + 1;
                if (start + name.Length > text.Length
                    || string.Compare(text, start, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) != 0
                    || (start + name.Length < text.Length && char.IsLetterOrDigit(text[start + name.Length])))
                {
                    continue;
                }

                if (person is not null)
                {
                    users.Add(person);
                }
                else
                {
                    committeeIds.Add(committee!.Value);
                }

                break;
            }
        }

        return new MentionsFound(users, committeeIds);
    }

    /// <summary>A display name, and the same without a closing parenthesis: "Rasmus Redaktør (AU)" and "Rasmus Redaktør".</summary>
    private static IEnumerable<string> NamesOf(string name)
    {
        var whole = name.Trim();
        yield return whole;
        var open = whole.LastIndexOf('(');
        if (open > 0 && whole.EndsWith(')'))
        {
            yield return whole[..open].TrimEnd();
        }
    }
}

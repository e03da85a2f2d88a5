using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Udmoentning.Domain;
using Udmoentning.Web.Components;

namespace Udmoentning.Web.Board.Views;

/// <summary>
/// A view of a board that viewers share (ADR 0025): the language it is shown in (a text filter matches by it), the plan,
/// optionally a committee's extract, and the filter, written as one canonical text,
/// <c>da-DK|1|oeu|status=i-gang&amp;q=skole</c>. The board renders it on the page, and the page joins the view by it.
/// </summary>
public sealed record BoardViewKey(string Culture, int PlanId, string? Committee, BoardFilter Filter)
{
    /// <summary>Longer than any key the board renders (a text filter has at most <see cref="BoardFilter.MaxTextLength"/> characters).</summary>
    public const int MaxLength = 2000;

    /// <summary>The view <paramref name="state"/> shows, in the language the board is shown in (Danish unless it is English).</summary>
    public static BoardViewKey Of(BoardState state) =>
        new(UiExtensions.Cultures.FirstOrDefault(c => c.Name == CultureInfo.CurrentCulture.Name)?.Name ?? UiExtensions.Cultures[0].Name,
            state.Snapshot.Plan.Id, state.Committee?.Slug, state.Filter);

    public override string ToString()
    {
        var query = string.Join('&', Filter.ToQuery().Where(v => v.Value is string)
            .Select(v => $"{v.Key}={Uri.EscapeDataString((string)v.Value!)}"));
        return $"{Culture}|{PlanId.ToString(CultureInfo.InvariantCulture)}|{Committee?.ToLowerInvariant()}|{query}";
    }

    /// <summary>The key written as <paramref name="text"/>, or null unless it is exactly as the board writes one.</summary>
    public static BoardViewKey? Parse(string? text)
    {
        if (text is not { Length: > 0 and <= MaxLength } || text.Split('|') is not [var culture, var plan, var committee, var query]
            || !UiExtensions.Cultures.Any(c => c.Name == culture)
            || !int.TryParse(plan, NumberStyles.None, CultureInfo.InvariantCulture, out var planId) || planId <= 0
            || committee.Length > Limits.CommitteeSlugLength)
        {
            return null;
        }

        var values = QueryHelpers.ParseQuery(query);
        string? Value(string name) => values.TryGetValue(name, out var value) ? value.ToString() : null;
        var filter = BoardFilter.Parse(Value("type"), Value("tema"), Value("status"), Value("tilstand"), Value("flag"), Value("q"), Value("venter"));
        var key = new BoardViewKey(culture, planId, committee.Length == 0 ? null : committee, filter);
        return key.ToString() == text ? key : null;
    }
}

using Microsoft.AspNetCore.Components;

namespace Udmoentning.Web.Board;

/// <summary>
/// The live board: the plan (or one committee's extract) in lanes by theme and columns by status, with the filters
/// in the URL. The page reads its address; the <see cref="BoardSession"/> behind <see cref="LiveBoard"/> does the rest.
/// </summary>
public sealed partial class BoardPage
{
    private BoardFilter _filter = BoardFilter.None;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Parameter] public string? Slug { get; set; }
    [Parameter] public int? PlanId { get; set; }
    [SupplyParameterFromQuery(Name = "type")] public string? KindQuery { get; set; }
    [SupplyParameterFromQuery(Name = "tema")] public string? ThemeQuery { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? StatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = "tilstand")] public string? HealthQuery { get; set; }
    [SupplyParameterFromQuery(Name = "flag")] public string? FlagQuery { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? TextQuery { get; set; }
    [SupplyParameterFromQuery(Name = "venter")] public string? WaitingQuery { get; set; }

    private string ClearFiltersUrl => Navigation.GetUriWithQueryParameters(BoardFilter.None.ToQuery());

    protected override void OnParametersSet() =>
        _filter = BoardFilter.Parse(KindQuery, ThemeQuery, StatusQuery, HealthQuery, FlagQuery, TextQuery, WaitingQuery);
}

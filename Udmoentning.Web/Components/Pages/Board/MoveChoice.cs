using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Components.Pages.Board;

/// <summary>The choice made in the "Flyt til…" dialog: another status, or up (-1) / down (+1) in the column.</summary>
public sealed record MoveChoice(ItemStatus? To, int Direction = 0);

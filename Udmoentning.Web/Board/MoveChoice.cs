using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Board;

/// <summary>The choice made in the "Flyt til…" dialog: another status, or one step up or down in the column.</summary>
public sealed record MoveChoice(ItemStatus? To, CardStep? Step = null);

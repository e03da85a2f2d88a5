using Microsoft.AspNetCore.Components.Web;
using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Workplan;

/// <summary>A key pressed on a card of the arbejdsplan.</summary>
public sealed record WorkplanKey(PlanItem Item, KeyboardEventArgs Key);

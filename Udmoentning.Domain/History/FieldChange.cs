namespace Udmoentning.Domain.History;

/// <summary>One field's value before and after a change, written as the plan shows it (e.g. "I gang", "Q2 2025", "-500").</summary>
public sealed record FieldChange(string Field, string? Old, string? New);

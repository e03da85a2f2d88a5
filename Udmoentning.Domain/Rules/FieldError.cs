namespace Udmoentning.Domain.Rules;

/// <summary>A broken input rule: which field, and a Danish message saying how to fix it.</summary>
public sealed record FieldError(string Field, string Message);

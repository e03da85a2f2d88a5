using Udmoentning.Domain.Rules;

namespace Udmoentning.Domain;

/// <summary>A plan rule was broken; the messages are Danish and meant for the user.</summary>
public sealed class PlanRuleException : Exception
{
    public PlanRuleException(string message)
        : base(message)
    {
        Errors = [];
    }

    public PlanRuleException(IReadOnlyList<FieldError> errors)
        : base(string.Join(" ", errors.Select(e => e.Message)))
    {
        Errors = errors;
    }

    /// <summary>The broken input rules per field, when the cause is bad input.</summary>
    public IReadOnlyList<FieldError> Errors { get; }
}

namespace Webchats.Domain.Common;

/// <summary>
/// Thrown when code tries to put an aggregate into a state its invariants forbid. Callers validate
/// first, so this signals a programming error, never bad user input.
/// </summary>
public sealed class DomainRuleViolationException(IReadOnlyList<FieldError> errors)
    : InvalidOperationException("Domain rule violated: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

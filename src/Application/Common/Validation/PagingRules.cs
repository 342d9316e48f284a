using FluentValidation;

namespace Webchats.Application.Common.Validation;

/// <summary>The rules every paged query shares: <c>limit</c> 1–100 and an opaque <c>cursor</c> the service made.</summary>
public static class PagingRules
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static void AddPagingRules<T>(
        this AbstractValidator<T> validator, Func<T, int?> limit, Func<T, string?> cursor, Func<string, bool> isValidCursor)
    {
        validator.RuleFor(query => limit(query))
            .InclusiveBetween(1, MaxLimit)
            .WithMessage($"must be between 1 and {MaxLimit}")
            .OverridePropertyName("limit");
        validator.RuleFor(query => cursor(query))
            .Must(value => isValidCursor(value!))
            .When(query => cursor(query) is not null)
            .WithMessage("is not a cursor this service handed out")
            .OverridePropertyName("cursor");
    }
}

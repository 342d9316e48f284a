using System.Buffers.Text;
using System.Text;
using FluentValidation;

namespace Webchats.Application.Common.Validation;

/// <summary>
/// What every paged query shares: <c>limit</c> 1–100 and an opaque <c>cursor</c> the service made
/// (a short text of its own, base64url-encoded, which clients only pass back).
/// </summary>
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

    public static string EncodeCursor(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    /// <summary>The text of a cursor; null when it is absent, longer than <paramref name="maxLength"/> or not base64url.</summary>
    public static string? DecodeCursor(string? cursor, int maxLength) =>
        cursor is not null && cursor.Length <= maxLength && Base64Url.IsValid(cursor)
            ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor))
            : null;
}

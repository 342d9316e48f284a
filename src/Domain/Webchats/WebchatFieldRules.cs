using Webchats.Domain.Common;

namespace Webchats.Domain.Webchats;

/// <summary>The outcome of normalising one raw field value: the value to store, or why it cannot be.</summary>
public readonly record struct Normalized<T>(T Value, string? Error)
{
    public bool IsValid => Error is null;
}

public static class Normalized
{
    public static Normalized<T> Ok<T>(T value) => new(value, null);

    public static Normalized<T> Fail<T>(string error) => new(default!, error);
}

/// <summary>
/// Field rules of api.md §1, written once: the application normalises request values with them and
/// the aggregate re-checks its invariants with them.
/// </summary>
public static class WebchatFieldRules
{
    public const string MustNotBeNull = "must not be null";

    /// <summary>Name: trimmed, 1–120 characters.</summary>
    public static Normalized<string> Name(string? raw)
    {
        if (raw is null)
        {
            return Normalized.Fail<string>(MustNotBeNull);
        }

        var text = OptionalText(raw, WebchatLimits.NameMaxLength, multiLine: false);
        if (!text.IsValid)
        {
            return Normalized.Fail<string>(text.Error!);
        }

        return text.Value is null
            ? Normalized.Fail<string>("must not be empty")
            : Normalized.Ok<string>(text.Value);
    }

    /// <summary>Optional text: trimmed; <c>null</c>, empty or whitespace only clears it.</summary>
    public static Normalized<string?> OptionalText(string? raw, int maxLength, bool multiLine)
    {
        var trimmed = raw?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return Normalized.Ok<string?>(null);
        }

        if (ContainsForbiddenControlCharacter(trimmed, multiLine))
        {
            return Normalized.Fail<string?>(multiLine
                ? "must not contain control characters (other than line breaks and tabs) or unpaired surrogates"
                : "must not contain control characters or unpaired surrogates");
        }

        var length = CountScalars(trimmed);
        return length > maxLength
            ? Normalized.Fail<string?>($"must be at most {maxLength} characters long (got {length})")
            : Normalized.Ok<string?>(trimmed);
    }

    /// <summary>Colour: <c>#RGB</c>, <c>#RRGGBB</c> or <c>#RRGGBBAA</c>; <c>null</c> or blank resets to the default.</summary>
    public static Normalized<string> Color(string? raw, string defaultColor)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Normalized.Ok<string>(defaultColor);
        }

        return HexColor.TryNormalize(raw, out var color)
            ? Normalized.Ok<string>(color)
            : Normalized.Fail<string>("must be a colour in the form #RGB, #RRGGBB or #RRGGBBAA");
    }

    /// <summary>Reference to another document: 24 lowercase hex characters; blank clears it.</summary>
    public static Normalized<string?> OptionalObjectId(string? raw)
    {
        var trimmed = raw?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return Normalized.Ok<string?>(null);
        }

        return ObjectIds.IsValid(trimmed)
            ? Normalized.Ok<string?>(trimmed)
            : Normalized.Fail<string?>("must be a 24-character lowercase hexadecimal id");
    }

    public static Normalized<WidgetPosition> Position(string? raw)
    {
        if (raw is null)
        {
            return Normalized.Fail<WidgetPosition>(MustNotBeNull);
        }

        return WidgetPositions.TryParse(raw.Trim(), out var position)
            ? Normalized.Ok<WidgetPosition>(position)
            : Normalized.Fail<WidgetPosition>($"must be '{WidgetPositions.BottomRight}' or '{WidgetPositions.BottomLeft}'");
    }

    public static Normalized<int> Range(int? raw, int min, int max)
    {
        if (raw is not { } value)
        {
            return Normalized.Fail<int>(MustNotBeNull);
        }

        return value < min || value > max
            ? Normalized.Fail<int>($"must be between {min} and {max}")
            : Normalized.Ok<int>(value);
    }

    /// <summary>
    /// Allowed origins (api.md §4). Errors are keyed by entry (<c>allowedDomains[i]</c>); the result
    /// keeps the first occurrence of each origin in order.
    /// </summary>
    public static (IReadOnlyList<string> Origins, IReadOnlyList<FieldError> Errors) AllowedDomains(
        IReadOnlyList<string?>? raw, string path)
    {
        if (raw is null)
        {
            return ([], [new FieldError(path, MustNotBeNull + "; send [] to allow every site")]);
        }

        if (raw.Count > AllowedOrigins.MaxCount)
        {
            return ([], [new FieldError(path, $"must not have more than {AllowedOrigins.MaxCount} entries (got {raw.Count})")]);
        }

        var origins = new List<string>(raw.Count);
        List<FieldError>? errors = null;
        for (var i = 0; i < raw.Count; i++)
        {
            if (AllowedOrigins.TryNormalize(raw[i], out var origin, out var error))
            {
                origins.Add(origin);
            }
            else
            {
                (errors ??= []).Add(new FieldError($"{path}[{i}]", error));
            }
        }

        return errors is null ? (AllowedOrigins.Deduplicate(origins), []) : ([], errors);
    }

    private static bool ContainsForbiddenControlCharacter(string text, bool multiLine)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t'))
            {
                return true;
            }

            // A lone surrogate cannot be stored as UTF-8 text; a valid pair is skipped whole.
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return true;
                }

                i++;
            }
        }

        return false;
    }

    private static int CountScalars(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}

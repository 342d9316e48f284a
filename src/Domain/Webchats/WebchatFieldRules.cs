using System.Buffers;
using System.Globalization;
using System.Text;
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
/// The value rules of api.md §1, applied once where a value enters the service (a request body);
/// what they return is stored as it is and never checked again.
/// </summary>
public static class WebchatFieldRules
{
    public const string MustNotBeNull = "must not be null";

    /// <summary>Names (of webchats and API tokens) count at most this many characters.</summary>
    public const int NameMaxLength = 120;

    /// <summary>
    /// Bidi embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069): in a name they can
    /// reorder the text around it wherever it is shown (a list, a log line), so a name may hold none.
    /// </summary>
    private static readonly SearchValues<char> BidiControls = SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>A required text (a name): trimmed, 1–<paramref name="maxLength"/> characters.</summary>
    public static Normalized<string> Name(string? raw, int maxLength = NameMaxLength)
    {
        if (raw is null)
        {
            return Normalized.Fail<string>(MustNotBeNull);
        }

        var text = OptionalText(raw, maxLength, multiLine: false);
        if (!text.IsValid)
        {
            return Normalized.Fail<string>(text.Error!);
        }

        return text.Value is null ? Normalized.Fail<string>("must not be empty")
            : text.Value.AsSpan().ContainsAny(BidiControls) ? Normalized.Fail<string>("must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)")
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
        return length > maxLength ? Normalized.Fail<string?>($"must be at most {maxLength} characters long (got {length})")
            : !ContainsVisibleCharacter(trimmed) ? Normalized.Fail<string?>("must contain at least one visible character (not only format characters such as U+200B)")
            : Normalized.Ok<string?>(trimmed);
    }

    /// <summary>Colour: <c>#RGB</c>, <c>#RRGGBB</c> or <c>#RRGGBBAA</c>; <c>null</c> or blank resets to the default.</summary>
    public static Normalized<HexColor> Color(string? raw, HexColor defaultColor)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Normalized.Ok(defaultColor);
        }

        return HexColor.TryParse(raw, out var color)
            ? Normalized.Ok(color)
            : Normalized.Fail<HexColor>("must be a colour in the form #RGB, #RRGGBB or #RRGGBBAA");
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

    /// <summary>
    /// Whether some character is neither white space, a control nor a format character (zero-width
    /// space, BOM, soft hyphen, bidi marks): text made only of those shows as nothing at all.
    /// </summary>
    private static bool ContainsVisibleCharacter(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune) && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format))
            {
                return true;
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

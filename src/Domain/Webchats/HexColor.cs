using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Webchats.Domain.Webchats;

/// <summary>
/// A colour as the contract stores it: uppercase <c>#RRGGBB</c> or <c>#RRGGBBAA</c> (api.md §1). A
/// value exists only through <see cref="TryParse"/> (a request) or <see cref="FromStored"/> (a row
/// that was parsed when it was written), so it is always in normal form.
/// </summary>
public readonly record struct HexColor
{
    /// <summary>What <see cref="TryParse"/> accepts (after trimming), as a regular expression for schemas.</summary>
    public const string Pattern = "^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$";

    /// <summary>The normal form every stored and returned colour has.</summary>
    public const string StoredPattern = "^#([0-9A-F]{6}|[0-9A-F]{8})$";

    private HexColor(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? input, out HexColor color)
    {
        color = TryNormalize(input, out var normalized) ? new HexColor(normalized) : default;
        return normalized is not null;
    }

    /// <summary>A value read back from the database, where only parsed colours are written.</summary>
    public static HexColor FromStored(string normalized) => new(normalized);

    public override string ToString() => Value;

    /// <summary>
    /// Accepts <c>#RGB</c>, <c>#RRGGBB</c> or <c>#RRGGBBAA</c> with hex digits in either case and
    /// surrounding whitespace; <c>#RGB</c> is expanded to <c>#RRGGBB</c>. Named colours,
    /// <c>rgb()</c> and <c>#RGBA</c> are refused.
    /// </summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        var text = input.AsSpan().Trim();
        if (text.Length is not (4 or 7 or 9) || text[0] != '#')
        {
            return false;
        }

        var digits = text[1..];
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        if (digits.Length == 3)
        {
            normalized = string.Create(7, (digits[0], digits[1], digits[2]), static (span, d) =>
            {
                span[0] = '#';
                span[1] = span[2] = char.ToUpperInvariant(d.Item1);
                span[3] = span[4] = char.ToUpperInvariant(d.Item2);
                span[5] = span[6] = char.ToUpperInvariant(d.Item3);
            });
            return true;
        }

        // Already normal (the usual case for stored values): hand back the input, no allocation.
        if (text.Length == input!.Length && !digits.ContainsAnyInRange('a', 'f'))
        {
            normalized = input;
            return true;
        }

        normalized = string.Create(text.Length, text, static (span, source) => Ascii.ToUpper(source, span, out _));
        return true;
    }
}

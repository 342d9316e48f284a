using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Webchats.Domain.Webchats;

/// <summary>Colours as the contract stores them: uppercase <c>#RRGGBB</c> or <c>#RRGGBBAA</c> (api.md §1).</summary>
public static class HexColor
{
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

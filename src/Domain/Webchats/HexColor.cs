using System.Diagnostics.CodeAnalysis;

namespace Webchats.Domain.Webchats;

/// <summary>Colours as the contract stores them: uppercase <c>#RRGGBB</c> or <c>#RRGGBBAA</c>.</summary>
public static class HexColor
{
    /// <summary>Accepts <c>#RGB</c>, <c>#RRGGBB</c> or <c>#RRGGBBAA</c> in either case, trimmed.</summary>
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

        normalized = digits.Length == 3
            ? string.Create(7, digits.ToString(), static (span, d) =>
            {
                span[0] = '#';
                for (var i = 0; i < 3; i++)
                {
                    span[1 + (2 * i)] = span[2 + (2 * i)] = char.ToUpperInvariant(d[i]);
                }
            })
            : "#" + digits.ToString().ToUpperInvariant();
        return true;
    }
}

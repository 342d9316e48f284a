using System.Text.Json;
using Webchats.Domain.Webchats;

namespace Webchats.Infrastructure.Persistence.Configurations;

/// <summary>How a webchat field is stored: the EF Core mapping and the read model both use this.</summary>
internal static class WebchatColumns
{
    /// <summary>The snake_case column of a field's property (<c>CsatTextColor</c> → <c>csat_text_color</c>).</summary>
    public static string Of(WebchatField field) =>
        string.Concat(field.PropertyName.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>The jsonb text of an origin list.</summary>
    public static string ToJson(IReadOnlyList<string> origins) => JsonSerializer.Serialize(origins);

    public static string[] FromJson(string json) => JsonSerializer.Deserialize<string[]>(json)!; // a jsonb array (CHECK constraint)
}

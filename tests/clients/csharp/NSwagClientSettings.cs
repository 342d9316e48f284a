using System.Text.Json;
using System.Text.Json.Serialization;

namespace Webchats.Clients.NSwag;

// The settings NSwag's System.Text.Json client needs (README "Integrate").
public partial class WebchatsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        // NSwag serialises every property, unset ones as null, and null clears or resets a field:
        // leaving nulls out makes it send only the fields that were set (it then cannot send an
        // explicit null; clear a field with another client or a hand-written request).
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;

        // Its enums carry [EnumMember] names that System.Text.Json ignores: "bottom-right" is BottomRight in kebab case.
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
    }
}

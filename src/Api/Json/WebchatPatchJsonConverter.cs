using System.Text.Json;
using System.Text.Json.Serialization;
using Webchats.Application.Webchats.Common;
using Webchats.Domain.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Api.Json;

/// <summary>
/// Reads a webchat body in one pass over the JSON, field by field from the declarations
/// (<see cref="WebchatFields"/>): each value is checked for its JSON type and parsed by its field's
/// rule. Nothing throws for a bad field: unknown, duplicate and wrongly typed properties and
/// invalid values all become errors of the <see cref="WebchatPatch"/>, so a request learns every
/// one of them at once. Malformed JSON is the reader's own error (400 at <c>$</c>).
/// </summary>
public sealed class WebchatPatchJsonConverter : JsonConverter<WebchatPatch>
{
    public override WebchatPatch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var values = new Dictionary<WebchatField, object?>();
        var readOnly = new Dictionary<string, string?>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!seen.Add(name))
            {
                errors.Add(new FieldError(name, "is a duplicate property"));
                reader.Skip();
            }
            else if (WebchatFields.Find(name) is { } field)
            {
                if (ReadRaw(ref reader, field.JsonKind, $"must be {field.ExpectedType}", out var raw) is { } error)
                {
                    errors.Add(new FieldError(name, error));
                }
                else if (field.TryParse(raw, errors, out var value))
                {
                    values[field] = value;
                }
            }
            else if (WebchatPatch.ReadOnlyFields.ContainsKey(name))
            {
                if (ReadRaw(ref reader, JsonKind.Text, "must be a string", out var raw) is { } error)
                {
                    errors.Add(new FieldError(name, error));
                }
                else
                {
                    readOnly[name] = (string?)raw;
                }
            }
            else
            {
                errors.Add(new FieldError(name, "is not a known property"));
                reader.Skip();
            }
        }

        return new WebchatPatch(values, readOnly, errors);
    }

    public override void Write(Utf8JsonWriter writer, WebchatPatch value, JsonSerializerOptions options) =>
        throw new NotSupportedException("A patch is only ever read.");

    /// <summary>
    /// Reads the current value as <paramref name="kind"/> says (null is always readable). Returns
    /// why it cannot, with the value skipped: <paramref name="wrongType"/> for another JSON type.
    /// </summary>
    private static string? ReadRaw(ref Utf8JsonReader reader, JsonKind kind, string wrongType, out object? raw)
    {
        raw = null;
        switch (reader.TokenType, kind)
        {
            case (JsonTokenType.Null, _):
                return null;
            case (JsonTokenType.String, JsonKind.Text):
                return ReadText(ref reader, out raw);
            case (JsonTokenType.True or JsonTokenType.False, JsonKind.Boolean):
                raw = reader.GetBoolean();
                return null;
            case (JsonTokenType.Number, JsonKind.WholeNumber) when reader.TryGetInt32(out var number):
                raw = number;
                return null;
            case (JsonTokenType.StartArray, JsonKind.TextArray):
                var items = new List<string?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var error = reader.TokenType switch
                    {
                        JsonTokenType.Null => null,
                        JsonTokenType.String => ReadText(ref reader, out raw),
                        _ => wrongType,
                    };
                    if (error is not null)
                    {
                        reader.Skip();
                        SkipRestOfArray(ref reader);
                        return error;
                    }

                    items.Add((string?)raw);
                    raw = null;
                }

                raw = items;
                return null;
            default:
                reader.Skip();
                return wrongType;
        }
    }

    // An escaped lone surrogate ("\ud800") is valid JSON but no text: .NET refuses to decode it.
    private static string? ReadText(ref Utf8JsonReader reader, out object? raw)
    {
        try
        {
            raw = reader.GetString();
            return null;
        }
        catch (InvalidOperationException)
        {
            raw = null;
            return "must not contain unpaired surrogates";
        }
    }

    private static void SkipRestOfArray(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }
    }
}

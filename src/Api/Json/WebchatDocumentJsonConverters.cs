using System.Text.Json;
using System.Text.Json.Serialization;
using Webchats.Application.Webchats.Common;
using Webchats.Application.Webchats.Queries.GetPublicWebchat;
using Webchats.Domain.Webchats;

namespace Webchats.Api.Json;

/// <summary>
/// Writes webchat documents from the field declarations (api.md §1): every field, always present,
/// in document order, with the icon as its signed URL. The public document writes only the fields
/// declared public, so a new field stays private until its declaration says otherwise.
/// </summary>
public static class WebchatDocumentJsonConverters
{
    public static readonly JsonConverter[] All = [new Document(), new PublicDocument()];

    private static void WriteFields(Utf8JsonWriter writer, IReadOnlyList<WebchatField> fields, WebchatSettings settings, string? icon, JsonSerializerOptions options)
    {
        foreach (var field in fields)
        {
            writer.WritePropertyName(field.Name);
            switch (field.IsIcon ? icon : WebchatField.ToRaw(field.Get(settings)))
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case int number:
                    writer.WriteNumberValue(number);
                    break;
                case var other:
                    JsonSerializer.Serialize(writer, other, options);
                    break;
            }
        }
    }

    private abstract class WriteOnly<T> : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Documents are only written.");
    }

    private sealed class Document : WriteOnly<WebchatDto>
    {
        public override void Write(Utf8JsonWriter writer, WebchatDto value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("_id", value.Id);
            writer.WriteString("organizationId", value.OrganizationId);
            writer.WriteString("userId", value.UserId);
            writer.WriteString("createdBy", value.CreatedBy);
            writer.WriteString("updatedBy", value.UpdatedBy);
            WriteFields(writer, WebchatFields.All, value.Settings, value.Icon, options);
            writer.WritePropertyName("createdAt");
            JsonSerializer.Serialize(writer, value.CreatedAt, options);
            writer.WritePropertyName("updatedAt");
            JsonSerializer.Serialize(writer, value.UpdatedAt, options);
            writer.WriteEndObject();
        }
    }

    private sealed class PublicDocument : WriteOnly<PublicWebchatDto>
    {
        public override void Write(Utf8JsonWriter writer, PublicWebchatDto value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("_id", value.Id);
            WriteFields(writer, WebchatFields.Public, value.Settings, value.Icon, options);
            writer.WriteEndObject();
        }
    }
}

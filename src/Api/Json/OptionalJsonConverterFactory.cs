using System.Text.Json;
using System.Text.Json.Serialization;
using Webchats.Application.Common.Models;

namespace Webchats.Api.Json;

/// <summary>
/// Reads <see cref="Optional{T}"/>: a missing property never reaches the converter (absent), an
/// explicit null becomes present-null, and a value of the wrong JSON type is recorded instead of
/// failing the whole body, so every wrong field of a request is reported together.
/// </summary>
public sealed class OptionalJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OptionalJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OptionalJsonConverter<T> : JsonConverter<Optional<T>>
    {
        public override bool HandleNull => true;

        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return Optional.Of<T>(default!);
            }

            // The serializer hands a custom converter the whole value buffered, so a failed attempt
            // on a copy of the reader can be abandoned and the value skipped.
            var attempt = reader;
            try
            {
                var value = JsonSerializer.Deserialize<T>(ref attempt, options);
                reader = attempt;
                return Optional.Of(value!);
            }
            catch (JsonException)
            {
                reader.Skip();
                return Optional.WrongType<T>();
            }
        }

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options)
        {
            if (value.IsPresent)
            {
                JsonSerializer.Serialize(writer, value.Value, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Net.Http.Headers;
using Webchats.Api.Errors;

namespace Webchats.Api.Json;

/// <summary>
/// The only body reader of the API. It caps the body size (413), checks the JSON with
/// <see cref="JsonBodyInspector"/> and binds it with the web serializer options; every problem
/// becomes a model-state error keyed by JSON path, with messages written for API clients rather
/// than the serializer's (which name .NET types).
/// </summary>
public sealed class StrictJsonInputFormatter : InputFormatter
{
    private readonly JsonSerializerOptions _options;
    private readonly int _maxBodyBytes;

    public StrictJsonInputFormatter(JsonSerializerOptions options, int maxBodyBytes)
    {
        _options = options;
        _maxBodyBytes = maxBodyBytes;
        SupportedMediaTypes.Add(MediaTypeHeaderValue.Parse("application/json"));
        SupportedMediaTypes.Add(MediaTypeHeaderValue.Parse("application/merge-patch+json"));
    }

    public override async Task<InputFormatterResult> ReadAsync(InputFormatterContext context)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength > _maxBodyBytes)
        {
            throw new RequestBodyTooLargeException(_maxBodyBytes);
        }

        using var body = await ReadBodyAsync(request, context.HttpContext.RequestAborted);
        return Bind(context, body.Written);
    }

    private InputFormatterResult Bind(InputFormatterContext context, ReadOnlySpan<byte> body)
    {
        if (body.Length == 0)
        {
            return Fail(context, "$", "A JSON object body is required; send {} to change nothing.");
        }

        var errors = JsonBodyInspector.Inspect(body);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                context.ModelState.TryAddModelError(error.Path, error.Message);
            }

            return InputFormatterResult.Failure();
        }

        // A body type without [JsonExtensionData] (every one but WebchatPatch, which reports unknown
        // properties itself) would drop them silently: POST /api/tokens with a typo such as
        // "expiresat" minted a token that never expires. Found by the hostile-input corpus
        // (tests/Api.FunctionalTests/Reliability); they are 400 here as they are for webchats.
        var unknown = UnknownRootProperties(body, context.ModelType);
        foreach (var name in unknown)
        {
            context.ModelState.TryAddModelError(name, "is not a known property");
        }

        try
        {
            var model = JsonSerializer.Deserialize(body, context.ModelType, _options);
            return unknown.Count > 0 ? InputFormatterResult.Failure() : InputFormatterResult.Success(model);
        }
        catch (JsonException exception)
        {
            var path = exception.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "$";
            return Fail(context, path, "has a value that cannot be read");
        }
    }

    public override Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context) => ReadAsync(context);

    /// <summary>
    /// Reads the whole body into a pooled array: a body is read once, checked, bound and dropped
    /// (the serializer copies what it keeps), so a request costs no body-sized allocation.
    /// </summary>
    private async Task<PooledBody> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // One byte more than announced, so a body of the announced length ends without a resize.
        var expected = request.ContentLength is { } announced ? (int)announced + 1 : 4096;
        var body = new PooledBody(expected);
        try
        {
            while (await body.ReadFromAsync(request.Body, cancellationToken) > 0)
            {
                if (body.Length > _maxBodyBytes)
                {
                    throw new RequestBodyTooLargeException(_maxBodyBytes);
                }
            }

            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>Root property names the model type has no property for (none when it keeps extension data).</summary>
    private List<string> UnknownRootProperties(ReadOnlySpan<byte> body, Type modelType)
    {
        var typeInfo = _options.GetTypeInfo(modelType);
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Properties.Any(property => property.IsExtensionData))
        {
            return [];
        }

        // The inspector has already checked the body: well-formed, an object at the root, depth bounded.
        var unknown = new List<string>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = JsonBodyInspector.MaxDepth });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!typeInfo.Properties.Any(property => string.Equals(property.Name, name, StringComparison.Ordinal)))
            {
                unknown.Add(name);
            }

            reader.Read();
            reader.Skip();
        }

        return unknown;
    }

    private static InputFormatterResult Fail(InputFormatterContext context, string path, string message)
    {
        context.ModelState.TryAddModelError(path, message);
        return InputFormatterResult.Failure();
    }

    /// <summary>A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
    private sealed class PooledBody(int capacity) : IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(capacity);

        public int Length { get; private set; }

        public ReadOnlySpan<byte> Written => _array.AsSpan(0, Length);

        /// <summary>Reads the next chunk after what is already there; 0 at the end of the stream.</summary>
        public async ValueTask<int> ReadFromAsync(Stream stream, CancellationToken cancellationToken)
        {
            if (Length == _array.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(_array.Length * 2);
                _array.AsSpan(0, Length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_array);
                _array = larger;
            }

            var read = await stream.ReadAsync(_array.AsMemory(Length), cancellationToken);
            Length += read;
            return read;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
    }
}

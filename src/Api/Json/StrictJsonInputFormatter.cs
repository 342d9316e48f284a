using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Net.Http.Headers;
using Webchats.Api.Errors;
using Webchats.Api.Startup;

namespace Webchats.Api.Json;

/// <summary>
/// The only body reader of the API and the one place of the body limit (413): it reads a body once
/// into a pooled buffer and binds it with the web serializer options, whose strictness
/// (<see cref="MvcSetup.ConfigureJson"/>) refuses unknown and duplicate properties and wrong
/// types. Every problem becomes a model-state error keyed by JSON path, with messages written for
/// API clients rather than the serializer's (which name .NET types). A webchat body reports its
/// field errors itself (<see cref="WebchatPatchJsonConverter"/>), all of them at once.
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

        // The reader checks UTF-8 only where it decodes; checking the whole body up front keeps
        // an invalid byte from surfacing later as a misleading "wrong type" error.
        if (!Utf8.IsValid(body))
        {
            return Fail(context, "$", "The request body is not valid UTF-8.");
        }

        try
        {
            var root = new Utf8JsonReader(body);
            if (!root.Read() || root.TokenType != JsonTokenType.StartObject)
            {
                return Fail(context, "$", "The request body must be a JSON object.");
            }

            return InputFormatterResult.Success(JsonSerializer.Deserialize(body, context.ModelType, _options));
        }
        catch (JsonException exception) when (exception.InnerException is JsonException || exception.Path is null or "$")
        {
            // The reader's own error (malformed JSON, too deep), wrapped with the position.
            return Fail(context, "$", $"The request body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).");
        }
        catch (JsonException exception)
        {
            // The serializer's strictness (api.md §3): an unknown or duplicate property, or a value
            // of the wrong type. Its messages name .NET types, so the API writes its own.
            var path = exception.Path!.StartsWith("$.", StringComparison.Ordinal) ? exception.Path[2..] : exception.Path;
            var message = exception.Message.StartsWith("Duplicate", StringComparison.Ordinal) ? "is a duplicate property"
                : IsProperty(context.ModelType, path) ? "has a value that cannot be read"
                : "is not a known property";
            return Fail(context, path, message);
        }
        catch (InvalidOperationException)
        {
            // A property name with an invalid escape sequence (for example a lone surrogate).
            return Fail(context, "$", "The request body contains a property name that is not valid UTF-16 text.");
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

    private bool IsProperty(Type modelType, string path) =>
        _options.GetTypeInfo(modelType).Properties.Any(property => string.Equals(property.Name, path, StringComparison.Ordinal));

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

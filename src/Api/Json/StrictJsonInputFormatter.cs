using System.Buffers;
using System.Text.Json;
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

        var body = await ReadBodyAsync(request.Body, context.HttpContext.RequestAborted);
        if (body.WrittenCount == 0)
        {
            return Fail(context, "$", "A JSON object body is required; send {} to change nothing.");
        }

        var errors = JsonBodyInspector.Inspect(body.WrittenSpan);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                context.ModelState.TryAddModelError(error.Path, error.Message);
            }

            return await InputFormatterResult.FailureAsync();
        }

        try
        {
            return await InputFormatterResult.SuccessAsync(JsonSerializer.Deserialize(body.WrittenSpan, context.ModelType, _options));
        }
        catch (JsonException exception)
        {
            var path = exception.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "$";
            return Fail(context, path, "has a value that cannot be read");
        }
    }

    public override Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context) => ReadAsync(context);

    private async Task<ArrayBufferWriter<byte>> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        while (true)
        {
            var read = await body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                return buffer;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > _maxBodyBytes)
            {
                throw new RequestBodyTooLargeException(_maxBodyBytes);
            }
        }
    }

    private static InputFormatterResult Fail(InputFormatterContext context, string path, string message)
    {
        context.ModelState.TryAddModelError(path, message);
        return InputFormatterResult.Failure();
    }
}

using System.Buffers;
using System.Text.Json;

namespace Webchats.FloorApi;

/// <summary>Ids as the contract has them: 24 lowercase hexadecimal characters.</summary>
public static class Ids
{
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static bool IsObjectId(string? value) =>
        value is { Length: 24 } && !value.AsSpan().ContainsAnyExcept(LowerHex);
}

/// <summary>Small <c>application/problem+json</c> answers; the benchmark never takes these paths.</summary>
public static class Problems
{
    public static async Task WriteAsync(HttpContext context, int status, string detail, string? wwwAuthenticate = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        if (wwwAuthenticate is not null)
        {
            context.Response.Headers.WWWAuthenticate = wwwAuthenticate;
        }

        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "https://tools.ietf.org/html/rfc9110");
            writer.WriteString("title", ReasonPhrase(status));
            writer.WriteNumber("status", status);
            writer.WriteString("detail", detail);
            writer.WriteString("traceId", context.TraceIdentifier);
            writer.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad Request",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not Found",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status413PayloadTooLarge => "Payload Too Large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported Media Type",
        _ => "Error",
    };
}

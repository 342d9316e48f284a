using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Webchats.Api.FunctionalTests.Reliability;

/// <summary>The write endpoints the hostile corpus is run against.</summary>
public enum Target
{
    /// <summary>POST /api/webchats</summary>
    Create,

    /// <summary>PUT /api/webchats/{id}</summary>
    Put,

    /// <summary>PATCH /api/webchats/{id} (application/merge-patch+json unless the case says otherwise)</summary>
    Patch,

    /// <summary>POST /api/webchats/{id}/icon (multipart/form-data, field <c>file</c>)</summary>
    Icon,

    /// <summary>POST /api/tokens (a user's JWT with tokens:manage)</summary>
    Token,
}

/// <summary>
/// One row of the hostile-input corpus: what is sent, to which endpoint, and what must come back.
/// <see cref="Status"/> is the exact status expected: 4xx means "refused, and nothing changed",
/// 2xx means the input is legitimate (SQL text in a description is just text) and
/// <see cref="Field"/>/<see cref="StoredJson"/> say what must be stored verbatim.
/// </summary>
public sealed partial class HostileCase
{
    public required string Category { get; init; }

    public required Target Target { get; init; }

    public required string Description { get; init; }

    /// <summary>A fresh body per send (HttpContent cannot be sent twice); null sends no body at all.</summary>
    public required Func<HttpContent?> Content { get; init; }

    public required int Status { get; init; }

    /// <summary>For accepted webchat and token cases: the field whose stored value is checked.</summary>
    public string? Field { get; init; }

    /// <summary>The stored value of <see cref="Field"/>, as JSON (compared semantically, not by escaping).</summary>
    public string? StoredJson { get; init; }

    /// <summary>Route id to use instead of the shared webchat's (route-id cases).</summary>
    public string? RouteId { get; init; }

    /// <summary>Extra request headers (Idempotency-Key, If-Match).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Set when the service answers this row wrongly today: the row is ignored with this reason until it is fixed.</summary>
    public string? Bug { get; set; }

    public bool Accepted => Status is >= 200 and < 300;

    public HttpMethod Method => Target switch
    {
        Target.Put => HttpMethod.Put,
        Target.Patch => HttpMethod.Patch,
        _ => HttpMethod.Post,
    };

    public string PathTemplate => Target switch
    {
        Target.Create => "/api/webchats",
        Target.Icon => "/api/webchats/{id}/icon",
        Target.Token => "/api/tokens",
        _ => "/api/webchats/{id}",
    };

    /// <summary>
    /// Readable and unique, in printable ASCII. Braces become parentheses: NUnit reads <c>{…}</c> in a
    /// test name as a placeholder of its name generator.
    /// </summary>
    public string Name => NotPrintableAscii().Replace($"{Category} - {Method} {Target} - {Description} - expect {Status}", "_")
        .Replace('{', '(').Replace('}', ')');

    public HttpRequestMessage ToRequest(string webchatId)
    {
        var request = new HttpRequestMessage(Method, PathTemplate.Replace("{id}", RouteId ?? webchatId, StringComparison.Ordinal))
        {
            Content = Content(),
        };
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public override string ToString() => Name;

    [GeneratedRegex("[^\\x20-\\x7E]")]
    private static partial Regex NotPrintableAscii();
}

/// <summary>Content helpers for the corpus.</summary>
public static class HostileContent
{
    public const string JsonType = "application/json";
    public const string MergePatch = "application/merge-patch+json";

    public static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Bytes with exactly this Content-Type header value (or none), unparsed by HttpClient.</summary>
    public static Func<HttpContent?> Bytes(byte[] body, string? contentType) => () => ReliabilityHttp.Raw(body, contentType);

    /// <summary>Body of unknown length (chunked): the server cannot refuse it from Content-Length.</summary>
    public static Func<HttpContent?> Chunked(byte[] body, string contentType) => () =>
    {
        var content = new StreamContent(new NonSeekableStream(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    };

    /// <summary>A stream HttpClient cannot measure, so it sends no Content-Length.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}

using System.Text;
using Webchats.Api.FunctionalTests.Infrastructure;
using Webchats.Api.FunctionalTests.Webchats;

namespace Webchats.Api.FunctionalTests.Operations;

/// <summary>
/// Malformed HTTP/1.1 body framing (issue 18, finding 2) over a real Kestrel socket: every case is a
/// 4xx problem (400 for broken framing; 408 for a body cut short, once Kestrel's body timeout ends
/// the wait), nothing is written, and no error with a stack trace reaches the log.
/// </summary>
public sealed class HttpFramingTests : FunctionalTest
{
    private const string Boundary = "framing-boundary";

    private static KestrelApi _api = null!;
    private string _id = null!;

    [OneTimeSetUp]
    public static void StartKestrel() => _api = KestrelApi.Start();

    [OneTimeTearDown]
    public static async Task StopKestrelAsync() => await _api.DisposeAsync();

    [SetUp]
    public async Task CreateWebchatAsync()
    {
        using var client = ClientFor();
        _id = (await CreateWebchatAsync(client, """{"name":"Before"}""")).GetProperty("_id").GetString()!;
        _api.Logs.Clear();
    }

    public enum Endpoint
    {
        /// <summary>PUT /api/webchats/{id}, JSON.</summary>
        Put,

        /// <summary>POST /api/webchats, JSON.</summary>
        Create,

        /// <summary>POST /api/webchats/{id}/icon, multipart/form-data.</summary>
        Icon,
    }

    /// <summary>A valid body for the endpoint; the framing cases wrap or cut it.</summary>
    private static byte[] Body(Endpoint endpoint) => endpoint == Endpoint.Icon
        ? [.. Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"i.png\"\r\nContent-Type: image/png\r\n\r\n"),
            .. IconUploadTests.Png, .. Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n")]
        : Encoding.UTF8.GetBytes("""{"name":"After"}""");

    /// <summary>Framing cases: the headers that announce the body, then the bytes actually sent.</summary>
    public static IEnumerable<TestCaseData> Cases()
    {
        (string Name, int Status, Func<byte[], (string Framing, byte[] Bytes)> Frame)[] framings =
        [
            ("chunk size ffffffff (2^32 - 1)", 400, body => Chunked($"ffffffff\r\n{Ascii(body)}\r\n0\r\n\r\n")),
            ("chunk size 80000000 (2^31)", 400, body => Chunked($"80000000\r\n{Ascii(body)}\r\n0\r\n\r\n")),
            ("chunk size of 20 hex digits", 400, body => Chunked($"{new string('f', 20)}\r\n{Ascii(body)}\r\n0\r\n\r\n")),
            ("chunk size that is not hex", 400, body => Chunked($"zz\r\n{Ascii(body)}\r\n0\r\n\r\n")),
            ("negative chunk size", 400, body => Chunked($"-1\r\n{Ascii(body)}\r\n0\r\n\r\n")),
            ("empty chunk size line", 400, body => Chunked($"\r\n{Ascii(body)}\r\n0\r\n\r\n")),
            ("chunk extension with a bare LF", 400, body => Chunked($"{body.Length:x};ext=1\n{Ascii(body)}\r\n0\r\n\r\n")),
            ("chunk data without its CRLF", 400, body => Chunked($"{body.Length:x}\r\n{Ascii(body)}XY0\r\n\r\n")),
            ("chunk size larger than the data, then the end", 408, body => Chunked($"{body.Length + 10:x}\r\n{Ascii(body)}\r\n0\r\n\r\n")),
            ("chunked body cut before the last chunk", 408, body => Chunked($"{body.Length:x}\r\n{Ascii(body)}\r\n")),
            ("chunked body cut inside a chunk", 408, body => Chunked($"{body.Length:x}\r\n{Ascii(body)[..(body.Length / 2)]}")),
            ("Content-Length longer than the body", 408, body => ($"Content-Length: {body.Length + 100}\r\n", body)),
            ("Content-Length shorter than the body", 400, body => ($"Content-Length: {body.Length / 2}\r\n", body)),
        ];
        foreach (var endpoint in Enum.GetValues<Endpoint>())
        {
            foreach (var (name, status, frame) in framings)
            {
                yield return new TestCaseData(endpoint, status, frame).SetName($"{endpoint} with {name} is a {status} problem and writes nothing");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Malformed_framing_is_a_4xx_problem_and_changes_nothing(Endpoint endpoint, int status, Func<byte[], (string Framing, byte[] Bytes)> frame)
    {
        var (framing, bytes) = frame(Body(endpoint));
        var (method, path, contentType) = endpoint switch
        {
            Endpoint.Put => ("PUT", $"/api/webchats/{_id}", "application/json"),
            Endpoint.Create => ("POST", "/api/webchats", "application/json"),
            _ => ("POST", $"/api/webchats/{_id}/icon", $"multipart/form-data; boundary={Boundary}"),
        };
        var head = $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TestTokens.For(OrgA, UserA, TestTokens.ReadWrite)}\r\n"
            + $"Content-Type: {contentType}\r\n{framing}\r\n";

        var response = await _api.SendAsync([.. Encoding.ASCII.GetBytes(head), .. bytes]);

        Assert.Multiple(async () =>
        {
            Assert.That(response.Status, Is.EqualTo(status), response.Body);
            Assert.That(response.ContentType?.Split(';')[0], Is.EqualTo("application/problem+json"), response.Body);
            Assert.That(response.Body, Does.Contain($"\"status\":{status}").And.Not.Contain("Exception").And.Not.Contain("   at "));
            Assert.That(_api.Logs.Lines.Where(line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal)),
                Is.Empty, "no error is logged for a malformed request");
            Assert.That(await StoredStateAsync(), Is.EqualTo(("Before", 1, false)), "nothing was written");
        });
    }

    /// <summary>The shared webchat's name, the organization's webchat count, and whether it has an icon.</summary>
    private async Task<(string Name, int Count, bool HasIcon)> StoredStateAsync()
    {
        using var client = ClientFor();
        var webchat = (await ReadJsonAsync(await client.GetAsync($"/api/webchats/{_id}"))).GetProperty("data");
        var list = await ReadJsonAsync(await client.GetAsync("/api/webchats"));
        return (webchat.GetProperty("name").GetString()!, list.GetProperty("data").GetArrayLength(),
            webchat.TryGetProperty("icon", out var icon) && icon.ValueKind == System.Text.Json.JsonValueKind.String);
    }

    private static string Ascii(byte[] body) => Encoding.Latin1.GetString(body);

    private static (string Framing, byte[] Bytes) Chunked(string body) => ("Transfer-Encoding: chunked\r\n", Encoding.Latin1.GetBytes(body));
}

using System.Net;
using System.Text.Json;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Reliability;

/// <summary>
/// <see cref="FunctionalTest"/>'s HTTP helpers for the reliability fixtures. Those fixtures run
/// hundreds of cases against one set of data (see <see cref="SharedWorld"/>) instead of resetting
/// the database before each case, so they cannot derive from <see cref="FunctionalTest"/> (whose
/// <c>[SetUp]</c> resets it); this shim gives them the very same assertions.
/// </summary>
public abstract class ReliabilityHttp : FunctionalTest
{
    private ReliabilityHttp()
    {
    }

    public static HttpClient AnonymousClient() => Anonymous();

    public static HttpClient Client(string organizationId = OrgA, string userId = UserA, string scopes = TestTokens.ReadWrite) =>
        ClientFor(organizationId, userId, scopes);

    public static HttpClient Bearer(string token) => ClientWithToken(token);

    public static Task<JsonElement> ReadJson(HttpResponseMessage response) => ReadJsonAsync(response);

    public static Task SeedReferenceData() => SeedReferenceDataAsync();

    public static Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status) => AssertProblemAsync(response, status);

    /// <summary>
    /// An RFC 9457 problem with some 4xx status (the exact one is asserted by the caller when the
    /// table names it): <c>application/problem+json</c>, type, title, status, detail, traceId, no
    /// internals.
    /// </summary>
    public static async Task<JsonElement> ClientErrorProblem(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(status, Is.InRange(400, 499), $"expected a 4xx problem, got {status}: {text}");
        return await AssertProblemAsync(response, response.StatusCode);
    }

    /// <summary>JSON bytes with any <c>Content-Type</c> value, even one HttpClient would refuse to parse.</summary>
    public static ByteArrayContent Raw(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = null;
        if (contentType is not null && !content.Headers.TryAddWithoutValidation("Content-Type", contentType))
        {
            throw new InvalidOperationException("HttpClient refused the Content-Type " + contentType);
        }

        return content;
    }
}

using System.Net;
using System.Text.Json;

namespace Webchats.Api.FunctionalTests.Infrastructure;

/// <summary>What a widget on a customer's page sends: <c>GET /api/public/webchats/{id}</c>, without a token.</summary>
public static class PublicConfigurationRequests
{
    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string id, string? origin, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/public/webchats/{id}");
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The starter message of a 200 answer (the test fails on any other status, showing the body).</summary>
    public static async Task<string?> StarterMessageAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        using var body = JsonDocument.Parse(text);
        return body.RootElement.GetProperty("data").GetProperty("starterMessage").GetString();
    }
}

using System.Text.Json;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests;

/// <summary>The OpenAPI document describes the real endpoints and bodies.</summary>
public sealed class OpenApiDocumentTests : FunctionalTest
{
    private static async Task<JsonElement> DocumentAsync()
    {
        using var client = Anonymous();
        using var response = await client.GetAsync("/openapi/v1.json");
        return await ReadJsonAsync(response);
    }

    [Test]
    public async Task Every_api_endpoint_is_described()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        Assert.Multiple(() =>
        {
            Assert.That(paths.GetProperty("/api/webchats").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "get", "post" }));
            Assert.That(paths.GetProperty("/api/webchats/{id}").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "get", "put", "patch", "delete" }));
            Assert.That(paths.GetProperty("/api/webchats/{id}/icon").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "post", "delete" }));
            Assert.That(paths.GetProperty("/api/webchats/{id}/history").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "get" }));
            Assert.That(paths.GetProperty("/api/public/webchats/{id}").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "get", "head", "options" }));
            Assert.That(paths.GetProperty("/api/tokens").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "get", "post" }));
            Assert.That(paths.GetProperty("/api/tokens/{id}").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "delete" }));
        });
    }

    [Test]
    public async Task Patch_body_properties_show_their_real_types_and_nullability()
    {
        var patch = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("WebchatPatch");
        var properties = patch.GetProperty("properties");
        Assert.Multiple(() =>
        {
            Assert.That(properties.GetProperty("name").GetProperty("type").GetString(), Is.EqualTo("string"));
            Assert.That(properties.GetProperty("isEnabled").GetProperty("type").GetString(), Is.EqualTo("boolean"));
            Assert.That(properties.GetProperty("offsetX").GetProperty("type").GetString(), Is.EqualTo("integer"));
            Assert.That(properties.GetProperty("allowedDomains").GetProperty("type").GetString(), Is.EqualTo("array"));
            Assert.That(properties.GetProperty("description").GetProperty("type").EnumerateArray().Select(t => t.GetString()), Is.EquivalentTo(new[] { "null", "string" }));
            Assert.That(properties.GetProperty("icon").GetProperty("type").EnumerateArray().Select(t => t.GetString()), Is.EquivalentTo(new[] { "null", "string" }));
            Assert.That(properties.TryGetProperty("unknownProperties", out _), Is.False);
            Assert.That(patch.GetProperty("additionalProperties").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task Documents_are_described_field_by_field_as_the_api_writes_them()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var document = schemas.GetProperty("WebchatDto").GetProperty("properties");
        var widget = schemas.GetProperty("PublicWebchatDto").GetProperty("properties");
        using var client = ClientFor();
        var created = await CreateWebchatAsync(client, """{"name":"Described"}""");
        using var anonymous = Anonymous();
        using var read = await anonymous.GetAsync($"/api/public/webchats/{created.GetProperty("_id").GetString()}");
        var publicDocument = (await ReadJsonAsync(read)).GetProperty("data");

        Assert.Multiple(() =>
        {
            Assert.That(document.EnumerateObject().Select(p => p.Name), Is.EqualTo(created.EnumerateObject().Select(p => p.Name)));
            Assert.That(widget.EnumerateObject().Select(p => p.Name), Is.EqualTo(publicDocument.EnumerateObject().Select(p => p.Name)));
            Assert.That(document.GetProperty("csatTextColor").GetProperty("type").GetString(), Is.EqualTo("string"));
            Assert.That(document.GetProperty("icon").GetProperty("type").EnumerateArray().Select(t => t.GetString()), Is.EquivalentTo(new[] { "null", "string" }));
            Assert.That(document.GetProperty("zIndex").GetProperty("type").GetString(), Is.EqualTo("integer"));
            Assert.That(document.GetProperty("updatedAt").GetProperty("format").GetString(), Is.EqualTo("date-time"));
        });
    }

    [Test]
    public async Task Put_documents_its_errors_as_problem_json()
    {
        var put = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/webchats/{id}").GetProperty("put");
        var responses = put.GetProperty("responses");
        foreach (var status in new[] { "400", "401", "403", "404", "412", "413", "415" })
        {
            Assert.That(responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), Is.True, status);
        }

        Assert.That(put.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "application/json" }));
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Webchats.Api.FunctionalTests.Infrastructure;
using Webchats.Api.OpenApi;

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
            Assert.That(paths.GetProperty("/api/public/webchats/{id}").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "get" }));
            Assert.That(paths.GetProperty("/api/tokens").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "get", "post" }));
            Assert.That(paths.GetProperty("/api/tokens/{id}").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "delete" }));
        });
    }

    [Test]
    public async Task Patch_body_properties_show_their_real_types_and_nullability()
    {
        var patch = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("WebchatUpdate");
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
        var document = schemas.GetProperty("Webchat").GetProperty("properties");
        var widget = schemas.GetProperty("PublicWebchat").GetProperty("properties");
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

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString()!)];

    private static string[] Types(JsonElement schema) =>
        schema.GetProperty("type") is { ValueKind: JsonValueKind.Array } types ? Strings(types) : [schema.GetProperty("type").GetString()!];

    [Test]
    public async Task Every_operation_has_a_stable_verb_noun_operation_id()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var ids = paths.EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Key: $"{operation.Name} {path.Name}", Id: operation.Value.GetProperty("operationId").GetString())))
            .ToDictionary(operation => operation.Key, operation => operation.Id);
        Assert.That(ids, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["post /api/webchats"] = "createWebchat",
            ["get /api/webchats"] = "listWebchats",
            ["get /api/webchats/{id}"] = "getWebchat",
            ["put /api/webchats/{id}"] = "updateWebchat",
            ["patch /api/webchats/{id}"] = "patchWebchat",
            ["delete /api/webchats/{id}"] = "deleteWebchat",
            ["get /api/webchats/{id}/history"] = "getWebchatHistory",
            ["post /api/webchats/{id}/icon"] = "uploadWebchatIcon",
            ["delete /api/webchats/{id}/icon"] = "deleteWebchatIcon",
            ["get /api/public/webchats/{id}"] = "getPublicWebchat",
            ["post /api/tokens"] = "createApiToken",
            ["get /api/tokens"] = "listApiTokens",
            ["delete /api/tokens/{id}"] = "revokeApiToken",
            ["get /icons/{key}"] = "getIconFile",
        }));
    }

    [Test]
    public async Task Create_requires_a_name_and_update_requires_nothing()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var paths = (await DocumentAsync()).GetProperty("paths");
        Assert.Multiple(() =>
        {
            Assert.That(Strings(schemas.GetProperty("WebchatCreate").GetProperty("required")), Is.EqualTo(new[] { "name" }));
            Assert.That(schemas.GetProperty("WebchatUpdate").TryGetProperty("required", out _), Is.False);
            Assert.That(paths.GetProperty("/api/webchats").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(),
                Is.EqualTo("#/components/schemas/WebchatCreate"));
            Assert.That(paths.GetProperty("/api/webchats/{id}").GetProperty("put").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(),
                Is.EqualTo("#/components/schemas/WebchatUpdate"));
        });
    }

    [Test]
    public async Task Field_constraints_come_from_the_field_declarations()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var update = schemas.GetProperty("WebchatUpdate").GetProperty("properties");
        var webchat = schemas.GetProperty("Webchat");
        Assert.Multiple(() =>
        {
            Assert.That(Strings(update.GetProperty("position").GetProperty("enum")), Is.EqualTo(new[] { "bottom-right", "bottom-left" }));
            Assert.That(Types(update.GetProperty("position")), Is.EqualTo(new[] { "string" }), "null is 400 for position");
            Assert.That(update.GetProperty("primaryColor").GetProperty("pattern").GetString(), Is.EqualTo(Domain.Webchats.HexColor.Pattern));
            Assert.That(Types(update.GetProperty("primaryColor")), Is.EquivalentTo(new[] { "null", "string" }), "null resets a colour");
            Assert.That(webchat.GetProperty("properties").GetProperty("primaryColor").GetProperty("pattern").GetString(), Is.EqualTo(Domain.Webchats.HexColor.StoredPattern));
            Assert.That(update.GetProperty("promptId").GetProperty("pattern").GetString(), Is.EqualTo("^[0-9a-f]{24}$"));
            Assert.That(update.GetProperty("offsetX").GetProperty("minimum").GetInt32(), Is.Zero);
            Assert.That(update.GetProperty("offsetX").GetProperty("maximum").GetInt32(), Is.EqualTo(500));
            Assert.That(update.GetProperty("zIndex").GetProperty("maximum").GetInt32(), Is.EqualTo(int.MaxValue));
            Assert.That(update.GetProperty("name").GetProperty("maxLength").GetInt32(), Is.EqualTo(120));
            Assert.That(update.GetProperty("description").GetProperty("maxLength").GetInt32(), Is.EqualTo(1000));
            Assert.That(update.GetProperty("allowedDomains").GetProperty("maxItems").GetInt32(), Is.EqualTo(100));
            Assert.That(update.GetProperty("_id").GetProperty("readOnly").GetBoolean(), Is.True);
            Assert.That(Types(update.GetProperty("createdAt")), Is.EqualTo(new[] { "string" }), "read-only fields are not nullable");
            Assert.That(update.GetProperty("createdAt").GetProperty("format").GetString(), Is.EqualTo("date-time"));
            Assert.That(Strings(webchat.GetProperty("required")), Is.EquivalentTo(webchat.GetProperty("properties").EnumerateObject().Select(p => p.Name)));
            Assert.That(Types(webchat.GetProperty("properties").GetProperty("createdAt")), Is.EqualTo(new[] { "string" }));
        });
    }

    [Test]
    public async Task Every_date_time_has_the_string_type()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        Assert.Multiple(() =>
        {
            Assert.That(Types(schemas.GetProperty("WebchatRevision").GetProperty("properties").GetProperty("changedAt")), Is.EqualTo(new[] { "string" }));
            Assert.That(Types(schemas.GetProperty("ApiToken").GetProperty("properties").GetProperty("createdAt")), Is.EqualTo(new[] { "string" }));
            Assert.That(Types(schemas.GetProperty("ApiToken").GetProperty("properties").GetProperty("revokedAt")), Is.EquivalentTo(new[] { "null", "string" }));
            Assert.That(Types(schemas.GetProperty("CreateApiTokenRequest").GetProperty("properties").GetProperty("expiresAt")), Is.EquivalentTo(new[] { "null", "string" }));
            Assert.That(Strings(schemas.GetProperty("CreateApiTokenRequest").GetProperty("required")), Does.Not.Contain("expiresAt"));
        });
    }

    [Test]
    public async Task Headers_and_conditional_parameters_are_documented()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        static string[] HeaderParameters(JsonElement operation) =>
            [.. operation.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()!)];
        var create = paths.GetProperty("/api/webchats").GetProperty("post");
        var one = paths.GetProperty("/api/webchats/{id}");
        Assert.Multiple(() =>
        {
            Assert.That(HeaderParameters(create), Is.EqualTo(new[] { "Idempotency-Key" }));
            Assert.That(create.GetProperty("responses").GetProperty("201").GetProperty("headers").EnumerateObject().Select(h => h.Name), Is.EquivalentTo(new[] { "ETag", "Location" }));
            Assert.That(HeaderParameters(one.GetProperty("get")), Is.EqualTo(new[] { "If-None-Match" }));
            Assert.That(one.GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _), Is.True);
            Assert.That(HeaderParameters(one.GetProperty("put")), Is.EqualTo(new[] { "If-Match" }));
            Assert.That(HeaderParameters(one.GetProperty("patch")), Is.EqualTo(new[] { "If-Match" }));
            Assert.That(HeaderParameters(one.GetProperty("delete")), Is.EqualTo(new[] { "If-Match" }));
            Assert.That(one.GetProperty("put").GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _), Is.True);
            Assert.That(paths.GetProperty("/api/public/webchats/{id}").GetProperty("get").GetProperty("responses").GetProperty("503").GetProperty("headers").TryGetProperty("Retry-After", out _), Is.True);
            Assert.That(paths.GetProperty("/api/public/webchats/{id}").GetProperty("get").GetProperty("security").GetArrayLength(), Is.Zero, "no token needed");
        });
    }

    [Test]
    public async Task Uploads_and_files_are_binary_strings()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");
        var form = paths.GetProperty("/api/webchats/{id}/icon").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        var file = paths.GetProperty("/icons/{key}").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.Multiple(() =>
        {
            Assert.That(form.GetProperty("properties").GetProperty("file").GetRawText(), Is.EqualTo("""{"type":"string","format":"binary"}""").IgnoreWhiteSpace);
            Assert.That(Strings(form.GetProperty("required")), Is.EqualTo(new[] { "file" }));
            Assert.That(file.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(Domain.Webchats.IconFormat.All.Select(format => format.ContentType)));
            Assert.That(file.GetProperty("image/png").GetProperty("schema").GetProperty("format").GetString(), Is.EqualTo("binary"));
            Assert.That(document.GetProperty("components").GetProperty("schemas").TryGetProperty("IFormFile", out _), Is.False);
        });
    }

    [Test]
    public async Task Problems_are_described_as_sent()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var validation = schemas.GetProperty("ValidationProblem");
        using var client = ClientFor();
        using var response = await client.PutAsync($"/api/webchats/{MissingId}", Json("""{"isEnable":true}"""));
        var sent = await ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(Types(validation.GetProperty("properties").GetProperty("status")), Is.EqualTo(new[] { "integer" }));
            Assert.That(Strings(validation.GetProperty("required")), Is.SupersetOf(new[] { "type", "status", "detail", "traceId", "errors" }));
            Assert.That(Strings(schemas.GetProperty("Problem").GetProperty("required")), Does.Contain("traceId"));
            foreach (var member in Strings(validation.GetProperty("required")))
            {
                Assert.That(sent.TryGetProperty(member, out _), Is.True, member);
            }

            foreach (var member in sent.EnumerateObject())
            {
                Assert.That(validation.GetProperty("properties").TryGetProperty(member.Name, out _), Is.True, member.Name);
            }
        });
    }

    [Test]
    public async Task Info_tags_and_servers_are_for_integrators()
    {
        var document = await DocumentAsync();
        var text = document.GetRawText();
        Assert.Multiple(() =>
        {
            Assert.That(document.GetProperty("info").GetProperty("license").GetProperty("identifier").GetString(), Is.EqualTo("MIT"));
            Assert.That(document.GetProperty("tags").EnumerateArray().Select(tag => tag.TryGetProperty("description", out var d) ? d.GetString() : null), Has.All.Not.Empty);
            Assert.That(text, Does.Not.Contain("Dto").And.Not.Contain("WebchatPatch").And.Not.Contain("WebchatSettings").And.Not.Contain("IFormFile"));
        });
    }

    [Test]
    public async Task The_server_is_the_configured_public_address_never_the_request_host()
    {
        using var client = Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        using var response = await client.SendAsync(request);
        var servers = (await ReadJsonAsync(response)).GetProperty("servers");
        Assert.That(servers.EnumerateArray().Select(server => server.GetProperty("url").GetString()), Is.EqualTo(new[] { WebchatsApiFactory.PublicBaseUrl }));
    }

    [Test]
    public async Task The_docs_ui_loads_nothing_from_another_host()
    {
        using var client = Anonymous();
        using var response = await client.GetAsync("/scalar/v1");
        var html = await response.Content.ReadAsStringAsync();
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(policy, Does.Contain("default-src 'none'").And.Contain("script-src 'self' 'nonce-"));
            Assert.That(policy, Does.Not.Contain("http"), "no other host is allowed");
            Assert.That(System.Text.RegularExpressions.Regex.Matches(html, """(src|href)="(https?:)?//""").Select(m => m.Value), Is.Empty, "every asset comes from this service");
        });
    }

    [Test]
    public async Task Docs_can_be_switched_off()
    {
        using var factory = TestEnvironment.Factory.WithWebHostBuilder(builder => builder.UseSetting(OpenApiSetup.EnabledKey, "false"));
        using var client = factory.CreateClient();
        using var document = await client.GetAsync("/openapi/v1.json");
        using var ui = await client.GetAsync("/scalar/v1");

        // Not mapped: the anonymous caller gets what any unknown address gives it (no document).
        Assert.Multiple(async () =>
        {
            Assert.That(document.StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.Unauthorized));
            Assert.That(await document.Content.ReadAsStringAsync(), Does.Not.Contain("openapi"));
            Assert.That(ui.StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public void Docs_are_off_by_default_in_production_only()
    {
        var empty = new ConfigurationBuilder().Build();
        Assert.Multiple(() =>
        {
            Assert.That(OpenApiSetup.IsEnabled(empty, new HostingEnvironment { EnvironmentName = Environments.Production }), Is.False);
            Assert.That(OpenApiSetup.IsEnabled(empty, new HostingEnvironment { EnvironmentName = Environments.Development }), Is.True);
            Assert.That(OpenApiSetup.IsEnabled(empty, new HostingEnvironment { EnvironmentName = "Testing" }), Is.True);
            Assert.That(OpenApiSetup.IsEnabled(new ConfigurationBuilder().AddInMemoryCollection([new(OpenApiSetup.EnabledKey, "true")]).Build(),
                new HostingEnvironment { EnvironmentName = Environments.Production }), Is.True);
        });
    }
}

using System.Net;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Webchats;

/// <summary>
/// Findings 10 and 13 of the black-box probe (issue 18) over HTTP: wildcard origins directly under
/// a public suffix, texts that show nothing, bidi controls in names (of webchats and API tokens).
/// </summary>
public sealed class TextAndOriginRulesTests : FunctionalTest
{
    private const string Invisible = "must contain at least one visible character (not only format characters such as U+200B)";
    private const string Bidi = "must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)";

    [TestCase("https://*.co.uk", "co.uk")]
    [TestCase("https://*.github.io", "github.io")]
    [TestCase("https://*.com", "com")]
    public async Task A_wildcard_directly_under_a_public_suffix_is_refused_and_nothing_is_stored(string origin, string suffix)
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client, """{"name":"Widget","allowedDomains":["https://shop.example.com"]}""")).GetProperty("_id").GetString();

        using var response = await client.PutAsync($"/api/webchats/{id}", Json($$"""{"allowedDomains":["https://ok.example.com","{{origin}}"]}"""));

        var errors = await AssertValidationErrorsAsync(response, "allowedDomains[1]");
        Assert.That(errors.GetProperty("allowedDomains[1]")[0].GetString(),
            Is.EqualTo($"must not be a wildcard directly under a public suffix: *.{suffix} would match every site under the public suffix {suffix}"));
        var stored = (await ReadJsonAsync(await client.GetAsync($"/api/webchats/{id}"))).GetProperty("data").GetProperty("allowedDomains");
        Assert.That(stored.EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "https://shop.example.com" }));
    }

    [Test]
    public async Task A_wildcard_under_a_registrable_name_of_a_public_suffix_grants_its_subdomains_only()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client, """{"name":"Widget","allowedDomains":["https://*.octocat.github.io"]}""")).GetProperty("_id").GetString();

        using var allowed = await PublicFromAsync(id!, "https://blog.octocat.github.io");
        using var attacker = await PublicFromAsync(id!, "https://attacker.github.io");

        Assert.Multiple(() =>
        {
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://blog.octocat.github.io" }));
            Assert.That(attacker.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(attacker.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
        });
    }

    [TestCase("\u200B", TestName = "name of only U+200B is refused")]
    [TestCase("\uFEFF", TestName = "name of only U+FEFF is refused")]
    [TestCase("\u00AD", TestName = "name of only U+00AD is refused")]
    [TestCase("\u200B\uFEFF\u00AD", TestName = "name of U+200B U+FEFF U+00AD is refused")]
    public async Task A_name_that_shows_nothing_is_refused_on_create_update_and_tokens(string name)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(name);
        await AssertNameRefusedAsync(json, Invisible);
    }

    [TestCase("\u202E", TestName = "name with U+202E right-to-left override is refused")]
    [TestCase("\u202A", TestName = "name with U+202A left-to-right embedding is refused")]
    [TestCase("\u2066", TestName = "name with U+2066 left-to-right isolate is refused")]
    [TestCase("\u2069", TestName = "name with U+2069 pop directional isolate is refused")]
    public async Task A_name_with_a_bidi_control_is_refused_on_create_update_and_tokens(string bidi)
    {
        var json = System.Text.Json.JsonSerializer.Serialize($"invoice{bidi}fdp.exe");
        await AssertNameRefusedAsync(json, Bidi);
    }

    [TestCase("description")]
    [TestCase("starterMessage")]
    [TestCase("statusText")]
    [TestCase("csatThankYouMessage")]
    public async Task Another_text_that_shows_nothing_is_refused(string field)
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString();

        using var response = await client.PutAsync($"/api/webchats/{id}", Json($$"""{"{{field}}":"\u200B\uFEFF"}"""));

        var errors = await AssertValidationErrorsAsync(response, field);
        Assert.That(errors.GetProperty(field)[0].GetString(), Is.EqualTo(Invisible));
    }

    private static async Task AssertNameRefusedAsync(string nameJson, string message)
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client, """{"name":"Before"}""")).GetProperty("_id").GetString();
        using var tokens = ClientFor(scopes: "tokens:manage webchats:read");

        using var create = await client.PostAsync("/api/webchats", Json($$"""{"name":{{nameJson}}}"""));
        using var update = await client.PutAsync($"/api/webchats/{id}", Json($$"""{"name":{{nameJson}}}"""));
        using var token = await tokens.PostAsync("/api/tokens", Json($$"""{"name":{{nameJson}},"scopes":["webchats:read"]}"""));

        foreach (var response in new[] { create, update, token })
        {
            var errors = await AssertValidationErrorsAsync(response, "name");
            Assert.That(errors.GetProperty("name")[0].GetString(), Is.EqualTo(message), response.RequestMessage!.RequestUri!.ToString());
        }

        var stored = await ReadJsonAsync(await client.GetAsync("/api/webchats"));
        Assert.That(stored.GetProperty("data").EnumerateArray().Select(w => w.GetProperty("name").GetString()), Is.EqualTo(new[] { "Before" }));
    }

    private static Task<HttpResponseMessage> PublicFromAsync(string id, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/public/webchats/{id}");
        request.Headers.Add("Origin", origin);
        return Anonymous().SendAsync(request);
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Webchats.Api.FunctionalTests.Infrastructure;
using Webchats.Application.Common.Interfaces;

namespace Webchats.Api.FunctionalTests.Webchats;

/// <summary>The <c>icon</c> rules of PUT (api.md §3) against the local icon store.</summary>
public sealed class IconReferenceTests : FunctionalTest
{
    private HttpClient _client = null!;
    private string _id = null!;

    [SetUp]
    public async Task CreateWebchatAsync()
    {
        _client = ClientFor();
        _id = (await CreateWebchatAsync(_client)).GetProperty("_id").GetString()!;
    }

    [TearDown]
    public void DisposeClient() => _client.Dispose();

    [Test]
    public async Task A_stored_key_of_the_organization_sets_the_icon_and_the_response_carries_a_signed_url()
    {
        var key = await StoreIconAsync(OrgA);

        var icon = (await PutOkAsync($$"""{"icon":"{{key}}"}""")).GetProperty("icon").GetString()!;

        Assert.That(icon, Does.StartWith($"{WebchatsApiFactory.PublicBaseUrl}/icons/{key}?expires="));
        Assert.That(icon, Does.Contain("&sig="));
        var row = await TestEnvironment.QueryDbAsync(db => Task.FromResult(db.Webchats.Single(w => w.Id == _id)));
        Assert.That(row.Settings.IconKey, Is.EqualTo(key), "the database stores the key, never the URL");
    }

    [Test]
    public async Task Sending_back_the_signed_url_changes_nothing_even_after_it_expired()
    {
        var key = await StoreIconAsync(OrgA);
        await PutOkAsync($$"""{"icon":"{{key}}"}""");
        using var read = await _client.GetAsync($"/api/webchats/{_id}");
        var document = (await ReadJsonAsync(read)).GetProperty("data");
        var url = document.GetProperty("icon").GetString();
        TestEnvironment.Clock.Advance(TimeSpan.FromDays(3));

        using var response = await _client.PutAsync($"/api/webchats/{_id}", Json(JsonSerializer.Serialize(new { icon = url, name = "Widget" })));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.ETag, Is.EqualTo(read.Headers.ETag));
        Assert.That((await ReadJsonAsync(response)).GetProperty("data").GetProperty("updatedAt").GetString(), Is.EqualTo(document.GetProperty("updatedAt").GetString()));
    }

    [TestCase("null")]
    [TestCase("\"\"")]
    [TestCase("\"  \"")]
    public async Task Null_or_blank_removes_the_icon(string value)
    {
        var key = await StoreIconAsync(OrgA);
        await PutOkAsync($$"""{"icon":"{{key}}"}""");

        Assert.That((await PutOkAsync($$"""{"icon":{{value}}}""")).GetProperty("icon").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase("https://evil.example/icon.png")]
    [TestCase("data:image/png;base64,iVBORw0KGgo=")]
    [TestCase("http://webchats.test/icons/orgs/75a0e0e0e0e0e0e0e0e0e0e0/webchats/x/icon.png?expires=1&sig=x")]
    [TestCase("orgs/65a0e0e0e0e0e0e0e0e0e0e0/../75a0e0e0e0e0e0e0e0e0e0e0/webchats/x/icon.png")]
    [TestCase("orgs/65a0e0e0e0e0e0e0e0e0e0e0/webchats/none/icon-missing.png")]
    [TestCase("/etc/passwd")]
    [TestCase("javascript:alert(1)")]
    public async Task Anything_but_the_current_url_or_an_existing_own_key_is_400(string icon)
    {
        using var response = await _client.PutAsync($"/api/webchats/{_id}", Json(JsonSerializer.Serialize(new { icon })));
        await AssertValidationErrorsAsync(response, "icon");
    }

    [Test]
    public async Task A_key_of_another_organization_is_400_even_if_it_exists()
    {
        var foreignKey = await StoreIconAsync(OrgB);
        using var response = await _client.PutAsync($"/api/webchats/{_id}", Json($$"""{"icon":"{{foreignKey}}"}"""));
        await AssertValidationErrorsAsync(response, "icon");
    }

    [Test]
    public async Task A_signed_url_of_a_different_icon_is_400()
    {
        var first = await StoreIconAsync(OrgA, "icon-first.png");
        var firstUrl = (await PutOkAsync($$"""{"icon":"{{first}}"}""")).GetProperty("icon").GetString();
        var second = await StoreIconAsync(OrgA, "icon-second.png");
        await PutOkAsync($$"""{"icon":"{{second}}"}""");

        using var response = await _client.PutAsync($"/api/webchats/{_id}", Json(JsonSerializer.Serialize(new { icon = firstUrl })));
        await AssertValidationErrorsAsync(response, "icon");
    }

    [Test]
    public async Task The_same_key_signs_to_the_same_url_within_a_window()
    {
        var key = await StoreIconAsync(OrgA);
        var first = (await PutOkAsync($$"""{"icon":"{{key}}"}""")).GetProperty("icon").GetString();
        TestEnvironment.Clock.Advance(TimeSpan.FromSeconds(1));
        using var read = await _client.GetAsync($"/api/webchats/{_id}");
        Assert.That((await ReadJsonAsync(read)).GetProperty("data").GetProperty("icon").GetString(), Is.EqualTo(first));
    }

    private async Task<string> StoreIconAsync(string organizationId, string name = "icon-0123abcd.png")
    {
        var key = $"orgs/{organizationId}/webchats/{_id}/{name}";
        var storage = TestEnvironment.Factory.Services.GetRequiredService<IIconStorage>();
        await storage.PutAsync(key, new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png", CancellationToken.None);
        return key;
    }

    private async Task<JsonElement> PutOkAsync(string json)
    {
        using var response = await _client.PutAsync($"/api/webchats/{_id}", Json(json));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await ReadJsonAsync(response)).GetProperty("data");
    }
}

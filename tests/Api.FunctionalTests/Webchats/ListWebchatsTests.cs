using System.Net;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Webchats;

public sealed class ListWebchatsTests : FunctionalTest
{
    [Test]
    public async Task List_walks_every_webchat_newest_first_without_duplicates()
    {
        using var client = ClientFor();
        var created = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            // Several per second, so the id breaks ties between equal creation times.
            TestEnvironment.Clock.Advance(TimeSpan.FromMilliseconds(400));
            created.Add((await CreateWebchatAsync(client, $$"""{"name":"W{{i}}"}""")).GetProperty("_id").GetString()!);
        }

        using var other = ClientFor(OrgB, UserB);
        await CreateWebchatAsync(other);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            using var response = await client.GetAsync("/api/webchats?limit=5" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var body = await ReadJsonAsync(response);
            seen.AddRange(body.GetProperty("data").EnumerateArray().Select(w => w.GetProperty("_id").GetString()!));
            var next = body.GetProperty("nextCursor");
            cursor = next.ValueKind == System.Text.Json.JsonValueKind.Null ? null : next.GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.That(pages, Is.EqualTo(5));
        Assert.That(seen, Is.EqualTo(Enumerable.Reverse(created).ToList()));
    }

    [Test]
    public async Task List_defaults_to_20_items()
    {
        using var client = ClientFor();
        for (var i = 0; i < 21; i++)
        {
            await CreateWebchatAsync(client);
        }

        using var response = await client.GetAsync("/api/webchats");
        var body = await ReadJsonAsync(response);
        Assert.That(body.GetProperty("data").GetArrayLength(), Is.EqualTo(20));
        Assert.That(body.GetProperty("nextCursor").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task List_of_an_empty_organization_is_an_empty_page_without_cursor()
    {
        using var client = ClientFor();
        using var response = await client.GetAsync("/api/webchats");
        Assert.That((await ReadJsonAsync(response)).ToString(), Is.EqualTo("""{"data":[],"nextCursor":null}"""));
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=101", "limit")]
    [TestCase("limit=abc", "limit")]
    [TestCase("cursor=not-a-cursor", "cursor")]
    [TestCase("cursor=MTIzNDU2Nzg5MA", "cursor")]
    public async Task List_with_a_bad_query_is_400_keyed_by_the_parameter(string query, string key)
    {
        using var client = ClientFor();
        using var response = await client.GetAsync("/api/webchats?" + query);
        await AssertValidationErrorsAsync(response, key);
    }
}

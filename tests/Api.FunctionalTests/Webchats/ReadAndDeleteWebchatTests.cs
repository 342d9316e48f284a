using System.Net;
using System.Net.Http.Headers;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Webchats;

public sealed class ReadAndDeleteWebchatTests : FunctionalTest
{
    [Test]
    public async Task Get_returns_the_document_in_a_data_envelope_with_the_creation_etag()
    {
        using var client = ClientFor();
        using var created = await client.PostAsync("/api/webchats", Json("""{"name":"Widget"}"""));
        var data = (await ReadJsonAsync(created)).GetProperty("data");

        using var response = await client.GetAsync($"/api/webchats/{data.GetProperty("_id").GetString()}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "data" }));
            Assert.That(body.GetProperty("data").ToString(), Is.EqualTo(data.ToString()));
            Assert.That(response.Headers.ETag, Is.EqualTo(created.Headers.ETag));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        });
    }

    [Test]
    public async Task Get_with_the_current_etag_in_If_None_Match_is_304_without_body()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString();
        using var first = await client.GetAsync($"/api/webchats/{id}");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/webchats/{id}");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(response.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
    }

    [Test]
    public async Task Get_with_a_stale_etag_in_If_None_Match_is_200()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/webchats/{id}");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"00000001\""));
        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("abc")]
    [TestCase("67D3A0B0C0D0E0F0A0B0C0D0")]
    [TestCase("67d3a0b0c0d0e0f0a0b0c0d")]
    [TestCase("67d3a0b0c0d0e0f0a0b0c0d0a")]
    [TestCase("zzd3a0b0c0d0e0f0a0b0c0d0")]
    public async Task Malformed_id_is_400_keyed_id_for_get_put_and_delete(string id)
    {
        using var client = ClientFor();
        using var get = await client.GetAsync($"/api/webchats/{id}");
        using var put = await client.PutAsync($"/api/webchats/{id}", Json("{}"));
        using var delete = await client.DeleteAsync($"/api/webchats/{id}");

        await AssertValidationErrorsAsync(get, "id");
        await AssertValidationErrorsAsync(put, "id");
        await AssertValidationErrorsAsync(delete, "id");
    }

    [Test]
    public async Task Missing_webchat_is_404_for_get_put_and_delete()
    {
        using var client = ClientFor();
        using var get = await client.GetAsync($"/api/webchats/{MissingId}");
        using var put = await client.PutAsync($"/api/webchats/{MissingId}", Json("{}"));
        using var delete = await client.DeleteAsync($"/api/webchats/{MissingId}");

        await AssertProblemAsync(get, HttpStatusCode.NotFound);
        await AssertProblemAsync(put, HttpStatusCode.NotFound);
        await AssertProblemAsync(delete, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Webchat_of_another_organization_is_404_like_a_missing_one_and_is_not_changed()
    {
        using var owner = ClientFor(OrgA, UserA);
        using var stranger = ClientFor(OrgB, UserB);
        var id = (await CreateWebchatAsync(owner)).GetProperty("_id").GetString();

        using var get = await stranger.GetAsync($"/api/webchats/{id}");
        using var put = await stranger.PutAsync($"/api/webchats/{id}", Json("""{"name":"hijacked"}"""));
        using var delete = await stranger.DeleteAsync($"/api/webchats/{id}");
        using var missing = await stranger.GetAsync($"/api/webchats/{MissingId}");

        var getProblem = await AssertProblemAsync(get, HttpStatusCode.NotFound);
        await AssertProblemAsync(put, HttpStatusCode.NotFound);
        await AssertProblemAsync(delete, HttpStatusCode.NotFound);
        var missingProblem = await AssertProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.That(getProblem.GetProperty("detail").GetString(), Is.EqualTo(missingProblem.GetProperty("detail").GetString()));

        using var ownerRead = await owner.GetAsync($"/api/webchats/{id}");
        Assert.That((await ReadJsonAsync(ownerRead)).GetProperty("data").GetProperty("name").GetString(), Is.EqualTo("Widget"));
    }

    [Test]
    public async Task Delete_is_204_and_then_the_webchat_is_404_everywhere_but_the_row_is_kept()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString()!;

        using var delete = await client.DeleteAsync($"/api/webchats/{id}");
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        using var get = await client.GetAsync($"/api/webchats/{id}");
        using var put = await client.PutAsync($"/api/webchats/{id}", Json("{}"));
        using var again = await client.DeleteAsync($"/api/webchats/{id}");
        using var list = await client.GetAsync("/api/webchats");
        await AssertProblemAsync(get, HttpStatusCode.NotFound);
        await AssertProblemAsync(put, HttpStatusCode.NotFound);
        await AssertProblemAsync(again, HttpStatusCode.NotFound);
        Assert.That((await ReadJsonAsync(list)).GetProperty("data").GetArrayLength(), Is.Zero);

        var row = await TestEnvironment.QueryDbAsync(db => Task.FromResult(db.Webchats.Single(w => w.Id == id)));
        Assert.That(row.DeletedAt, Is.EqualTo(TestEnvironment.Epoch));
    }
}

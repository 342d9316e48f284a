using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Webchats;

/// <summary>
/// ETags are opaque per webchat (api.md §8, issue 18 finding 7): the webchat's own version, which
/// changes with every stored change of it (create, update, icon, delete) and with nothing else, so
/// other tenants' writes cannot be counted through it, as they could through PostgreSQL's xmin.
/// </summary>
public sealed class ETagTests : FunctionalTest
{
    [Test]
    public async Task Writes_to_another_organizations_webchat_leave_the_ETags_and_history_of_this_one_as_they_were()
    {
        using var ownerA = ClientFor(OrgA, UserA);
        using var ownerB = ClientFor(OrgB, UserB);
        var a = (await CreateWebchatAsync(ownerA)).GetProperty("_id").GetString()!;
        var b = (await CreateWebchatAsync(ownerB)).GetProperty("_id").GetString()!;
        var before = await ReadAsync(ownerA, a);

        for (var i = 0; i < 5; i++)
        {
            using var put = await ownerB.PutAsync($"/api/webchats/{b}", Json($$"""{"offsetX":{{i + 1}}}"""));
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var other = (await CreateWebchatAsync(ownerB)).GetProperty("_id").GetString()!;
        using (var delete = await ownerB.DeleteAsync($"/api/webchats/{other}"))
        {
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        var after = await ReadAsync(ownerA, a);
        Assert.Multiple(() =>
        {
            Assert.That(after.ETag, Is.EqualTo(before.ETag), "B's writes must not move A's ETag");
            Assert.That(after.PublicETag, Is.EqualTo(before.PublicETag), "nor A's public configuration's");
            Assert.That(after.Revisions, Is.EqualTo(before.Revisions), "nor the numbers of A's history");
            Assert.That(before.ETag, Is.EqualTo("\"1\""));
            Assert.That(before.Revisions, Is.EqualTo(new long[] { 1 }));
        });
    }

    [Test]
    public async Task The_ETag_counts_every_stored_change_of_the_webchat_and_nothing_else()
    {
        using var client = ClientFor();
        string id;
        using (var create = await client.PostAsync("/api/webchats", Json("""{"name":"Versioned"}""")))
        {
            Assert.That(create.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            id = (await ReadJsonAsync(create)).GetProperty("data").GetProperty("_id").GetString()!;
        }

        using (var update = await client.PutAsync($"/api/webchats/{id}", Json("""{"offsetX":7}""")))
        {
            Assert.That(update.Headers.ETag?.Tag, Is.EqualTo("\"2\""), "an update");
        }

        using (var noOp = await client.PutAsync($"/api/webchats/{id}", Json("""{"offsetX":7}""")))
        {
            Assert.That(noOp.Headers.ETag?.Tag, Is.EqualTo("\"2\""), "a no-op stores nothing");
        }

        using (var form = IconUploadTests.Multipart(IconUploadTests.Png))
        using (var upload = await client.PostAsync($"/api/webchats/{id}/icon", form))
        {
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.OK), await upload.Content.ReadAsStringAsync());
            Assert.That(upload.Headers.ETag?.Tag, Is.EqualTo("\"3\""), "an icon upload");
        }

        using (var removeIcon = await client.DeleteAsync($"/api/webchats/{id}/icon"))
        {
            Assert.That(removeIcon.Headers.ETag?.Tag, Is.EqualTo("\"4\""), "an icon removal");
        }

        var read = await ReadAsync(client, id);
        var xmin = await TestEnvironment.QueryDbAsync(db =>
            db.Database.SqlQuery<string>($"SELECT xmin::text AS \"Value\" FROM webchats WHERE id = {id}").SingleAsync());
        Assert.Multiple(() =>
        {
            Assert.That(read.ETag, Is.EqualTo("\"4\""));
            Assert.That(read.Revisions, Is.EqualTo(new long[] { 4, 3, 2, 1 }), "each revision is numbered by the version it made");
            Assert.That(read.ETag, Is.Not.EqualTo($"\"{uint.Parse(xmin, CultureInfo.InvariantCulture):x8}\"").And.Not.EqualTo($"\"{xmin}\""),
                "the ETag is not the row's xmin");
        });

        using (var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/webchats/{id}"))
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "\"3\"");
            using var response = await client.SendAsync(stale);
            await AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
        }

        using (var current = new HttpRequestMessage(HttpMethod.Delete, $"/api/webchats/{id}"))
        {
            current.Headers.TryAddWithoutValidation("If-Match", "\"4\"");
            using var response = await client.SendAsync(current);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        var deletedVersion = await TestEnvironment.QueryDbAsync(db =>
            db.Webchats.IgnoreQueryFilters().Where(w => w.Id == id).Select(w => w.Version).SingleAsync());
        Assert.That(deletedVersion, Is.EqualTo(5), "the delete is a stored change too");
    }

    [TestCase("\"0000002\"")]
    [TestCase("\"00000002\"")]
    [TestCase("\"+2\"")]
    [TestCase("W/\"2\"")]
    public async Task Only_the_exact_tag_matches(string ifMatch)
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString()!;
        using (var update = await client.PutAsync($"/api/webchats/{id}", Json("""{"offsetX":7}""")))
        {
            Assert.That(update.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/webchats/{id}") { Content = Json("""{"offsetX":8}""") };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await client.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
    }

    private static async Task<(string? ETag, string? PublicETag, long[] Revisions)> ReadAsync(HttpClient client, string id)
    {
        using var read = await client.GetAsync($"/api/webchats/{id}");
        using var publicRead = await Anonymous().GetAsync($"/api/public/webchats/{id}");
        using var history = await client.GetAsync($"/api/webchats/{id}/history");
        Assert.That(publicRead.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var revisions = (await ReadJsonAsync(history)).GetProperty("data").EnumerateArray().Select(r => r.GetProperty("revision").GetInt64()).ToArray();
        return (read.Headers.ETag?.Tag, publicRead.Headers.ETag?.Tag, revisions);
    }
}

using System.Net;
using System.Text.Json;
using Npgsql;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Webchats;

/// <summary>The audit trail: GET /api/webchats/{id}/history.</summary>
public sealed class HistoryTests : FunctionalTest
{
    [Test]
    public async Task Every_real_change_appends_a_revision_with_who_when_and_old_and_new_values()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client, """{"name":"First","primaryColor":"#123456"}""")).GetProperty("_id").GetString();
        TestEnvironment.Clock.Advance(TimeSpan.FromMinutes(1));
        using var otherUser = ClientFor(OrgA, "75b1f0a2c3d4e5f6a7b8c9d0");
        using var put = await otherUser.PutAsync($"/api/webchats/{id}", Json("""{"name":"Second","primaryColor":null,"offsetX":24,"position":"bottom-left"}"""));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var history = await HistoryAsync(client, id!);
        var data = history.GetProperty("data");

        Assert.That(data.GetArrayLength(), Is.EqualTo(2));
        var update = data[0];
        Assert.Multiple(() =>
        {
            Assert.That(update.GetProperty("kind").GetString(), Is.EqualTo("updated"));
            Assert.That(update.GetProperty("changedBy").GetString(), Is.EqualTo("75b1f0a2c3d4e5f6a7b8c9d0"));
            Assert.That(update.GetProperty("changedAt").GetString(), Is.EqualTo("2026-03-12T10:01:00.000Z"));
            Assert.That(update.GetProperty("changes").ToString(), Is.EqualTo(
                """{"name":{"old":"First","new":"Second"},"primaryColor":{"old":"#123456","new":"#1F2937"},"position":{"old":"bottom-right","new":"bottom-left"}}"""),
                "offsetX was sent unchanged, so it is not a change");
            Assert.That(data[1].GetProperty("kind").GetString(), Is.EqualTo("created"));
            Assert.That(data[1].GetProperty("changes").GetProperty("name").GetProperty("new").GetString(), Is.EqualTo("First"));
            Assert.That(data[1].GetProperty("changes").GetProperty("name").GetProperty("old").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(history.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Failed_and_no_op_updates_append_nothing()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString()!;

        using var noOp = await client.PutAsync($"/api/webchats/{id}", Json("""{"name":"Widget"}"""));
        using var invalid = await client.PutAsync($"/api/webchats/{id}", Json("""{"name":"x","offsetX":-1}"""));
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/webchats/{id}") { Content = Json("""{"name":"y"}""") };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"00000001\"");
        using var refused = await client.SendAsync(stale);

        Assert.That(noOp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That((await HistoryAsync(client, id)).GetProperty("data").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Each_change_appends_exactly_one_revision()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString()!;
        for (var i = 1; i <= 5; i++)
        {
            using var put = await client.PutAsync($"/api/webchats/{id}", Json($$"""{"offsetX":{{i}}}"""));
        }

        var (rows, revisions) = await TestEnvironment.QueryDbAsync(async db =>
            (db.Webchats.Count(w => w.Id == id), await Task.FromResult(db.WebchatRevisions.Count(r => r.WebchatId == id))));
        Assert.That(rows, Is.EqualTo(1));
        Assert.That(revisions, Is.EqualTo(6));
    }

    [Test]
    public async Task A_change_is_one_read_and_one_statement_that_writes_the_row_and_its_revision_together()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString()!;
        TestEnvironment.Clock.Advance(TimeSpan.FromMinutes(1));
        using var otherUser = ClientFor(OrgA, UserB);

        using (var recorded = new RecordedStatements())
        {
            using var put = await otherUser.PutAsync($"/api/webchats/{id}", Json("""{"offsetX":30}"""));
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var statements = recorded.Touching("webchats", "webchat_revisions");
            Assert.That(statements, Has.Count.EqualTo(2), string.Join("\n", statements));
            Assert.That(statements[0], Does.StartWith("SELECT"));
            // SaveChanges writes the changed columns, guarded by the row version, and the change's
            // record (pending_change), from which the row's trigger inserts the revision: one statement,
            // atomic without a transaction. A write that loses the race (the version moved on) matches no
            // row, so no revision is inserted.
            Assert.That(statements[1], Does.StartWith("UPDATE webchats SET pending_change = @p0, updated_at = @p1, updated_by = @p2, version = @p3, offset_x = @p4\nWHERE id = @p5 AND version = @p6;"));
        }

        using (var recorded = new RecordedStatements())
        {
            using var noOp = await client.PutAsync($"/api/webchats/{id}", Json("""{"offsetX":30}"""));
            Assert.That(noOp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(recorded.Touching("webchats", "webchat_revisions"), Has.Count.EqualTo(1), "a no-op only reads");
        }

        var history = (await HistoryAsync(client, id)).GetProperty("data");
        Assert.That(history.GetArrayLength(), Is.EqualTo(2));
        Assert.That(history[0].GetProperty("changes").ToString(), Is.EqualTo("""{"offsetX":{"old":24,"new":30}}"""));

        // The trigger moved the change into the history: the row keeps none to be read back.
        await using var connection = new NpgsqlConnection(TestEnvironment.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var pending = new NpgsqlCommand("SELECT count(*) FROM webchats WHERE pending_change IS NOT NULL", connection);
        Assert.That(await pending.ExecuteScalarAsync(), Is.Zero);
    }

    [Test]
    public async Task History_pages_walk_every_revision_once_newest_first()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString()!;
        for (var i = 1; i <= 6; i++)
        {
            using var put = await client.PutAsync($"/api/webchats/{id}", Json($$"""{"offsetX":{{i}}}"""));
        }

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await HistoryAsync(client, id, "limit=3" + (cursor is null ? string.Empty : "&cursor=" + cursor));
            seen.AddRange(page.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("revision").GetInt64()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.That(seen, Has.Count.EqualTo(7));
        Assert.That(seen, Is.Ordered.Descending);
        Assert.That(seen, Is.Unique);
    }

    [Test]
    public async Task Icon_upload_and_delete_are_recorded()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString()!;
        var file = new ByteArrayContent(IconUploadTests.Png);
        using var form = new MultipartFormDataContent { { file, "file", "icon.png" } };
        using var upload = await client.PostAsync($"/api/webchats/{id}/icon", form);
        using var delete = await client.DeleteAsync($"/api/webchats/{id}");

        var rows = await TestEnvironment.QueryDbAsync(db => Task.FromResult(
            db.WebchatRevisions.Where(r => r.WebchatId == id).OrderBy(r => r.Id).ToList()));
        Assert.That(rows.Select(r => r.Kind.ToString()), Is.EqualTo(new[] { "Created", "Updated", "Deleted" }));
        Assert.That(rows[1].Changes.Single().Field, Is.EqualTo("icon"));
        Assert.That(rows[2].Changes.Select(c => c.Field), Is.EqualTo(new[] { "deletedAt", "icon" }), "a deletion lets go of the icon");
        Assert.That(rows[2].Changes[1].New, Is.Null);
        Assert.That(((JsonElement)rows[2].Changes[0].New!).GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"),
            "a stored time is the contract's text: UTC, milliseconds, Z");
    }

    [Test]
    public async Task History_follows_the_tenancy_and_scope_rules()
    {
        using var owner = ClientFor();
        var id = (await CreateWebchatAsync(owner)).GetProperty("_id").GetString();
        using var stranger = ClientFor(OrgB, UserB);
        using var writeOnly = ClientFor(scopes: "webchats:write");

        using var foreign = await stranger.GetAsync($"/api/webchats/{id}/history");
        using var noScope = await writeOnly.GetAsync($"/api/webchats/{id}/history");
        using var malformed = await owner.GetAsync("/api/webchats/nope/history");
        using var badCursor = await owner.GetAsync($"/api/webchats/{id}/history?cursor=abc");

        await AssertProblemAsync(foreign, HttpStatusCode.NotFound);
        await AssertProblemAsync(noScope, HttpStatusCode.Forbidden);
        await AssertValidationErrorsAsync(malformed, "id");
        await AssertValidationErrorsAsync(badCursor, "cursor");
    }

    private static async Task<JsonElement> HistoryAsync(HttpClient client, string id, string query = "")
    {
        using var response = await client.GetAsync($"/api/webchats/{id}/history?{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }
}

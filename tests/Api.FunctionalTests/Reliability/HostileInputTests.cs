using System.Net;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Webchats.Api.FunctionalTests.Webchats;

namespace Webchats.Api.FunctionalTests.Reliability;

/// <summary>
/// The hostile-input corpus over HTTP (issue #5): every row of <see cref="HostileInputCorpus"/> is
/// one test. A refused row must get exactly its 4xx as an RFC 9457 problem and leave everything as
/// it was: the shared webchat's GET body and ETag byte for byte, and no new webchat or token row.
/// An accepted row must store its value verbatim; the test then restores the shared webchat.
/// </summary>
public sealed class HostileInputTests
{
    private SharedWorld _world = null!;

    [OneTimeSetUp]
    public void OtherFixturesMayHaveResetTheDatabase() => SharedWorld.Suspect();

    [SetUp]
    public async Task EnsureWorldAsync() => _world = await SharedWorld.EnsureAsync();

    [Test]
    public void The_corpus_has_at_least_300_distinct_cases_covering_every_write_endpoint()
    {
        var all = HostileInputCorpus.All;

        Assert.That(all, Has.Count.GreaterThanOrEqualTo(300));
        Assert.That(all.Select(c => c.Name), Is.Unique);
        foreach (var target in Enum.GetValues<Target>())
        {
            Assert.That(all.Count(c => c.Target == target && !c.Accepted), Is.GreaterThanOrEqualTo(20), $"{target}: refused cases");
            Assert.That(all.Count(c => c.Target == target && c.Accepted), Is.GreaterThanOrEqualTo(4), $"{target}: accepted cases");
        }

        // The table of docs/reliability.md.
        var report = new StringBuilder("| category | POST webchats | PUT | PATCH | POST icon | POST tokens | total | of which 2xx |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var category in all.GroupBy(c => c.Category))
        {
            report.Append(CultureInfo.InvariantCulture, $"| {category.Key} | ");
            foreach (var target in Enum.GetValues<Target>())
            {
                report.Append(category.Count(c => c.Target == target)).Append(" | ");
            }

            report.Append(CultureInfo.InvariantCulture, $"{category.Count()} | {category.Count(c => c.Accepted)} |\n");
        }

        TestContext.Out.WriteLine(report.Append(CultureInfo.InvariantCulture, $"| all | {string.Join(" | ", Enum.GetValues<Target>().Select(t => all.Count(c => c.Target == t)))} | {all.Count} | {all.Count(c => c.Accepted)} |"));
    }

    [TestCaseSource(typeof(HostileInputCorpus), nameof(HostileInputCorpus.Cases))]
    public async Task Hostile_input(HostileCase hostile)
    {
        var before = await SharedWorld.CountAsync();
        using var client = hostile.Target == Target.Token ? ReliabilityHttp.Client(scopes: SharedWorld.AllScopes) : ReliabilityHttp.Client();
        using var request = hostile.ToRequest(_world.WebchatId);

        using var response = await client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.LessThan(500), $"never a 5xx; got {(int)response.StatusCode}: {text}");
        if (hostile.Accepted)
        {
            await AssertAcceptedAndRestoreAsync(hostile, response, text, before);
        }
        else
        {
            await AssertRefusedAndNothingChangedAsync(hostile, response, text, before);
        }
    }

    private async Task AssertRefusedAndNothingChangedAsync(
        HostileCase hostile, HttpResponseMessage response, string text, RowCounts before)
    {
        Assert.That((int)response.StatusCode, Is.EqualTo(hostile.Status), text);
        await ReliabilityHttp.Problem(response, (HttpStatusCode)hostile.Status);

        await _world.AssertIntactAsync(before);
    }

    private async Task AssertAcceptedAndRestoreAsync(
        HostileCase hostile, HttpResponseMessage response, string text, RowCounts before)
    {
        Assert.That((int)response.StatusCode, Is.EqualTo(hostile.Status), text);
        var data = JsonDocument.Parse(text).RootElement.GetProperty("data").Clone();
        switch (hostile.Target)
        {
            case Target.Create:
                await AssertCreatedThenDeleteAsync(hostile, data, before);
                break;
            case Target.Token:
                await AssertTokenThenRevokeAsync(hostile, data, before);
                break;
            case Target.Icon:
                await AssertIconThenRestoreAsync(data, before);
                break;
            default:
                await AssertUpdatedThenRestoreAsync(hostile, data, before);
                break;
        }
    }

    private static async Task AssertCreatedThenDeleteAsync(HostileCase hostile, JsonElement data, RowCounts before)
    {
        using var client = ReliabilityHttp.Client();
        var id = data.GetProperty("_id").GetString();
        using (var read = await client.GetAsync($"/api/webchats/{id}"))
        {
            AssertStored(hostile, data);
            AssertStored(hostile, (await ReliabilityHttp.ReadJson(read)).GetProperty("data"));
        }

        await AssertRowsAsync(before with { LiveWebchats = before.LiveWebchats + 1, Webchats = before.Webchats + 1 }, "exactly one webchat is created");
        using var delete = await client.DeleteAsync($"/api/webchats/{id}");
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    private static async Task AssertTokenThenRevokeAsync(HostileCase hostile, JsonElement data, RowCounts before)
    {
        using var admin = ReliabilityHttp.Client(scopes: SharedWorld.AllScopes);
        var id = data.GetProperty("id").GetString();
        AssertStored(hostile, data);
        using (var list = await admin.GetAsync("/api/tokens"))
        {
            var listed = (await ReliabilityHttp.ReadJson(list)).GetProperty("data").EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
            AssertStored(hostile, listed);
        }

        await AssertRowsAsync(before with { LiveTokens = before.LiveTokens + 1, Tokens = before.Tokens + 1 }, "exactly one token is created");
        using var revoke = await admin.DeleteAsync($"/api/tokens/{id}");
        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    private async Task AssertIconThenRestoreAsync(JsonElement data, RowCounts before)
    {
        var url = data.GetProperty("icon").GetString();
        Assert.That(url, Is.Not.Null);
        using (var anonymous = ReliabilityHttp.AnonymousClient())
        using (var file = await anonymous.GetAsync(new Uri(url!).PathAndQuery))
        {
            Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(file.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/gif"), "the type comes from the bytes, never from the name or declared type");
        }

        await AssertRowsAsync(before, "no webchat or token row is added");
        using var client = ReliabilityHttp.Client();
        using var content = SharedWorld.IconContent(IconUploadTests.Png);
        using var restore = await client.PostAsync($"/api/webchats/{_world.WebchatId}/icon", content);
        Assert.That(restore.StatusCode, Is.EqualTo(HttpStatusCode.OK), await restore.Content.ReadAsStringAsync());
        await _world.AdoptAsync();
    }

    private async Task AssertUpdatedThenRestoreAsync(HostileCase hostile, JsonElement data, RowCounts before)
    {
        if (hostile.Field is null)
        {
            // A legitimate no-op: nothing is written, not even a new ETag.
            var (body, etag) = await _world.ReadAsync();
            Assert.That(etag, Is.EqualTo(_world.ETag));
            Assert.That(body, Is.EqualTo(_world.Body));
            return;
        }

        AssertStored(hostile, data);
        var (stored, _) = await _world.ReadAsync();
        AssertStored(hostile, JsonDocument.Parse(stored).RootElement.GetProperty("data"));
        await AssertRowsAsync(before, "no webchat or token row is added");

        // Put every field back: the document as built, sent back as read (read-only fields unchanged, the icon's URL).
        using var client = ReliabilityHttp.Client();
        var original = JsonDocument.Parse(_world.Body).RootElement.GetProperty("data").GetRawText();
        using var restore = await client.PutAsync($"/api/webchats/{_world.WebchatId}", new StringContent(original, Encoding.UTF8, "application/json"));
        Assert.That(restore.StatusCode, Is.EqualTo(HttpStatusCode.OK), await restore.Content.ReadAsStringAsync());
        await _world.AdoptAsync();
    }

    /// <summary>Webchat and token rows as expected; the audit revisions a real change adds are the audit trail's tests' business.</summary>
    private static async Task AssertRowsAsync(RowCounts expected, string message)
    {
        var rows = await SharedWorld.CountAsync();
        Assert.That(rows with { Revisions = expected.Revisions }, Is.EqualTo(expected), message);
    }

    private static void AssertStored(HostileCase hostile, JsonElement data)
    {
        using var expected = JsonDocument.Parse(hostile.StoredJson!);
        var actual = data.GetProperty(hostile.Field!);
        Assert.That(JsonElement.DeepEquals(actual, expected.RootElement), Is.True,
            $"{hostile.Field}: expected {hostile.StoredJson}, stored {actual.GetRawText()}");
    }
}

using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using Webchats.Api.FunctionalTests.Infrastructure;
using Webchats.Api.FunctionalTests.Webchats;

namespace Webchats.Api.FunctionalTests.Reliability;

/// <summary>
/// The data the reliability fixtures share across hundreds of cases, built once and rebuilt only
/// when a case changed it: one webchat of organization A with every field set to a non-default
/// value and an icon, a second (public) webchat, organization API tokens of A and B, a revoked
/// token and a token to revoke.
/// <para>
/// Other fixtures reset the database before each of their tests (Respawn), so before each case
/// <see cref="EnsureAsync"/> checks that the world is still exactly as built (the webchat's GET
/// body and ETag byte for byte, and the number of live webchats and tokens) and rebuilds it from a
/// clean database otherwise. Cases that change it on purpose either restore it and call
/// <see cref="AdoptAsync"/>, or leave it to be rebuilt.
/// </para>
/// </summary>
public sealed class SharedWorld
{
    public const string Manage = "tokens:manage";
    public const string AllScopes = "webchats:read webchats:write tokens:manage";

    /// <summary>Every field differs from its default, so a field a request clobbered cannot go unnoticed.</summary>
    public static readonly string FullWebchat = $$"""
        {"name":"Reliability widget","description":"Line one\nLine two","starterMessage":"Hi! How can we help?",
         "backgroundColor":"#101010","primaryColor":"#202020","secondaryColor":"#303030","headerTextColor":"#404040",
         "statusTextColor":"#505050","timestampColor":"#606060","csatBackgroundColor":"#707070","csatTextColor":"#80808080",
         "statusText":"Online","csatThankYouMessage":"Thanks!","promptId":"{{FunctionalTest.PromptA}}",
         "allowedDomains":["https://shop.example.com","https://*.example.org"],
         "pipelineId":"{{FunctionalTest.PipelineA}}","pipelineStage":"qualified","initialStage":"new",
         "isAutopilot":true,"isEnabled":false,"position":"bottom-left","offsetX":10,"offsetY":20,"zIndex":30}
        """;

    private static SharedWorld? _current;

    /// <summary>Set by a case that verified, at its end, that the world is exactly as built.</summary>
    private static bool _verified;

    private SharedWorld(string webchatId)
    {
        WebchatId = webchatId;
    }

    public string WebchatId { get; }

    /// <summary>A second webchat of organization A, enabled and embeddable anywhere: the public endpoint's.</summary>
    public string PublicWebchatId { get; private set; } = string.Empty;

    /// <summary>The GET body of the webchat as built (and as every refused request must leave it).</summary>
    public string Body { get; private set; } = string.Empty;

    public EntityTagHeaderValue ETag { get; private set; } = null!;

    /// <summary>The signed URL of the webchat's icon, relative (path and query).</summary>
    public string IconPath { get; private set; } = string.Empty;

    /// <summary><c>wct_…</c> token of organization A with webchats:read and webchats:write.</summary>
    public string ApiTokenA { get; private set; } = string.Empty;

    /// <summary><c>wct_…</c> token of organization B with webchats:read and webchats:write.</summary>
    public string ApiTokenB { get; private set; } = string.Empty;

    /// <summary>A revoked <c>wct_…</c> token of organization A (it had both webchat scopes).</summary>
    public string RevokedApiTokenA { get; private set; } = string.Empty;

    /// <summary>Id of a live token of organization A that no request authenticates with: the one to revoke.</summary>
    public string VictimTokenId { get; private set; } = string.Empty;

    /// <summary>The rows as built (or as adopted after a restore).</summary>
    public RowCounts Rows { get; private set; } = null!;

    /// <summary>
    /// The world as built, rebuilt first if anything changed it since. When the previous case
    /// ended by verifying the world (<see cref="Verified"/>) nothing is asked of the API: that
    /// saves a third of the requests of a corpus run.
    /// </summary>
    public static async Task<SharedWorld> EnsureAsync()
    {
        var verified = _verified;
        _verified = false;
        if (_current is not null && (verified || await _current.IsIntactAsync()))
        {
            return _current;
        }

        _current = null;
        _current = await BuildAsync();
        return _current;
    }

    /// <summary>The calling case found the world exactly as built at its end.</summary>
    public static void Verified() => _verified = true;

    /// <summary>
    /// For a fixture's one-time set-up: other fixtures reset the database between its tests, so
    /// the next <see cref="EnsureAsync"/> must look.
    /// </summary>
    public static void Suspect() => _verified = false;

    /// <summary>Asserts that the webchat and the rows are exactly as built (<paramref name="rows"/>: the totals expected now).</summary>
    public async Task AssertIntactAsync(RowCounts rows)
    {
        var (body, etag) = await ReadAsync();
        var after = await CountAsync();
        Assert.Multiple(() =>
        {
            Assert.That(etag, Is.EqualTo(ETag), "the ETag must not move");
            Assert.That(body, Is.EqualTo(Body), "the stored webchat must be byte for byte the same");
            Assert.That(after, Is.EqualTo(rows), "no webchat, token or revision row may be written");
        });
        Verified();
    }

    /// <summary>
    /// After a case changed the webchat and restored every field: the body must be exactly as
    /// built; the new ETag becomes the world's (a restore is a real write, so the tag moves on).
    /// </summary>
    public async Task AdoptAsync()
    {
        var (body, etag) = await ReadAsync();
        Assert.That(body, Is.EqualTo(Body), "the restore must bring back the document exactly");
        var rows = await CountAsync();
        Assert.That((rows.LiveWebchats, rows.LiveTokens), Is.EqualTo((Rows.LiveWebchats, Rows.LiveTokens)), "live webchats and tokens");
        ETag = etag;
        Rows = rows;
        Verified();
    }

    /// <summary>
    /// Rows, in one round trip: live and total webchats (soft-deleted ones count in the total), live
    /// and total API tokens (revoked ones count in the total), and audit revisions.
    /// </summary>
    public static async Task<RowCounts> CountAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM webchats WHERE deleted_at IS NULL), (SELECT count(*) FROM webchats),
                   (SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL), (SELECT count(*) FROM api_tokens),
                   (SELECT count(*) FROM webchat_revisions)
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new RowCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    /// <summary>GET /api/webchats/{id} as organization A: the raw body and the ETag.</summary>
    public async Task<(string Body, EntityTagHeaderValue ETag)> ReadAsync()
    {
        using var client = ReliabilityHttp.Client();
        using var response = await client.GetAsync($"/api/webchats/{WebchatId}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return (body, response.Headers.ETag!);
    }

    private async Task<bool> IsIntactAsync()
    {
        using var client = ReliabilityHttp.Client();
        using var response = await client.GetAsync($"/api/webchats/{WebchatId}");
        if (response.StatusCode != HttpStatusCode.OK
            || !Equals(response.Headers.ETag, ETag)
            || await response.Content.ReadAsStringAsync() != Body)
        {
            return false;
        }

        var rows = await CountAsync();
        return rows.LiveWebchats == Rows.LiveWebchats && rows.LiveTokens == Rows.LiveTokens;
    }

    private static async Task<SharedWorld> BuildAsync()
    {
        await TestEnvironment.ResetAsync();
        await ReliabilityHttp.SeedReferenceData();
        using var owner = ReliabilityHttp.Client();
        using var created = await owner.PostAsync("/api/webchats", new StringContent(FullWebchat, System.Text.Encoding.UTF8, "application/json"));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var world = new SharedWorld((await ReliabilityHttp.ReadJson(created)).GetProperty("data").GetProperty("_id").GetString()!);

        using (var icon = IconContent(IconUploadTests.Png))
        using (var uploaded = await owner.PostAsync($"/api/webchats/{world.WebchatId}/icon", icon))
        {
            Assert.That(uploaded.StatusCode, Is.EqualTo(HttpStatusCode.OK), await uploaded.Content.ReadAsStringAsync());
            world.IconPath = new Uri((await ReliabilityHttp.ReadJson(uploaded)).GetProperty("data").GetProperty("icon").GetString()!).PathAndQuery;
        }

        using (var published = await owner.PostAsync("/api/webchats", new StringContent("""{"name":"Public widget"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.Created), await published.Content.ReadAsStringAsync());
            world.PublicWebchatId = (await ReliabilityHttp.ReadJson(published)).GetProperty("data").GetProperty("_id").GetString()!;
        }

        world.ApiTokenA = await CreateApiTokenAsync(FunctionalTest.OrgA, FunctionalTest.UserA, "A");
        world.ApiTokenB = await CreateApiTokenAsync(FunctionalTest.OrgB, FunctionalTest.UserB, "B");
        world.RevokedApiTokenA = await CreateApiTokenAsync(FunctionalTest.OrgA, FunctionalTest.UserA, "revoked");
        world.VictimTokenId = IdOf(await CreateApiTokenAsync(FunctionalTest.OrgA, FunctionalTest.UserA, "victim"));
        using (var admin = ReliabilityHttp.Client(scopes: AllScopes))
        using (var revoked = await admin.DeleteAsync($"/api/tokens/{IdOf(world.RevokedApiTokenA)}"))
        {
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        (world.Body, world.ETag) = await world.ReadAsync();
        world.Rows = await CountAsync();
        return world;
    }

    /// <summary>The id part of <c>wct_&lt;id&gt;_&lt;secret&gt;</c>.</summary>
    public static string IdOf(string apiToken) => apiToken.Substring(4, 24);

    public static MultipartFormDataContent IconContent(byte[] image, string fileName = "icon.png", string declaredType = "image/png")
    {
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static async Task<string> CreateApiTokenAsync(string organizationId, string userId, string name)
    {
        using var admin = ReliabilityHttp.Client(organizationId, userId, AllScopes);
        using var response = await admin.PostAsync("/api/tokens",
            new StringContent($$"""{"name":"{{name}}","scopes":["webchats:read","webchats:write"]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await ReliabilityHttp.ReadJson(response)).GetProperty("token").GetString()!;
    }
}

/// <summary>Row counts of the tables a request could write.</summary>
public sealed record RowCounts(long LiveWebchats, long Webchats, long LiveTokens, long Tokens, long Revisions);

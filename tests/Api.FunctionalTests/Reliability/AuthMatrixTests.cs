using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Reliability;

/// <summary>
/// Tenancy and authentication matrix (issue #5): every endpoint × every kind of caller → the exact
/// status, as one table and one test. The webchat, icon and tokens belong to organization A. Every
/// refusal must be an RFC 9457 problem (401s with <c>WWW-Authenticate: Bearer</c>) that changes
/// nothing; every read must change nothing either.
/// </summary>
public sealed class AuthMatrixTests
{
    private const string Read = "webchats:read";
    private const string Write = "webchats:write";
    private const string Manage = SharedWorld.Manage;

    /// <summary>The columns of the matrix.</summary>
    public enum Caller
    {
        NoToken,
        GarbageToken,
        BadlySignedJwt,
        ExpiredJwt,
        WrongScopeJwt,
        OtherOrganizationJwt,
        RightOrganizationJwt,
        ApiTokenRightOrganization,
        ApiTokenOtherOrganization,
        RevokedApiToken,
        TamperedApiToken,

        /// <summary>A user's JWT with only <c>tokens:manage</c> (issue 18, finding 1).</summary>
        ManageOnlyJwt,

        /// <summary><c>"scope":"webchats:read"</c> plus <c>"SCOPE":"webchats:write tokens:manage"</c> (issue 18, finding 4).</summary>
        UppercaseScopeJwt,
    }

    private static readonly byte[] Gif = global::Webchats.Tests.Shared.IconSamples.Gif();

    /// <summary>
    /// One row per endpoint: the scope it needs (null: anonymous) and the expected status for each
    /// <see cref="Caller"/>, in the order of the enum. JWTs carry every scope but the needed one in
    /// the wrong-scope column and every scope (tokens:manage included) otherwise; API tokens have
    /// webchats:read and webchats:write, and can never manage tokens. The last two columns are the
    /// probe's escalation attempts (issue 18): a JWT with only tokens:manage, and one whose write
    /// scopes hide under an upper-case claim name.
    /// </summary>
    private static readonly Row[] Rows =
    [
        //                                                                         none garb bsig expd scope other right wctA wctB wctRv wctTm mngOnly SCOPE
        new("POST /api/webchats", Write, _ => Json(HttpMethod.Post, "/api/webchats", """{"name":"Matrix"}"""), 401, 401, 401, 401, 403, 201, 201, 201, 201, 401, 401, 403, 403),
        new("GET /api/webchats", Read, _ => new(HttpMethod.Get, "/api/webchats"), 401, 401, 401, 401, 403, 200, 200, 200, 200, 401, 401, 403, 200),
        new("GET /api/webchats/{id}", Read, w => new(HttpMethod.Get, $"/api/webchats/{w.WebchatId}"), 401, 401, 401, 401, 403, 404, 200, 200, 404, 401, 401, 403, 200),
        new("GET /api/webchats/{id}/history", Read, w => new(HttpMethod.Get, $"/api/webchats/{w.WebchatId}/history"), 401, 401, 401, 401, 403, 404, 200, 200, 404, 401, 401, 403, 200),
        new("PUT /api/webchats/{id}", Write, w => Json(HttpMethod.Put, $"/api/webchats/{w.WebchatId}", """{"name":"Matrix put"}"""), 401, 401, 401, 401, 403, 404, 200, 200, 404, 401, 401, 403, 403),
        new("PATCH /api/webchats/{id}", Write, w => Json(HttpMethod.Patch, $"/api/webchats/{w.WebchatId}", """{"name":"Matrix patch"}""", "application/merge-patch+json"), 401, 401, 401, 401, 403, 404, 200, 200, 404, 401, 401, 403, 403),
        new("DELETE /api/webchats/{id}", Write, w => new(HttpMethod.Delete, $"/api/webchats/{w.WebchatId}"), 401, 401, 401, 401, 403, 404, 204, 204, 404, 401, 401, 403, 403),
        new("POST /api/webchats/{id}/icon", Write, w => new(HttpMethod.Post, $"/api/webchats/{w.WebchatId}/icon") { Content = SharedWorld.IconContent(Gif, "icon.gif", "image/gif") }, 401, 401, 401, 401, 403, 404, 200, 200, 404, 401, 401, 403, 403),
        new("DELETE /api/webchats/{id}/icon", Write, w => new(HttpMethod.Delete, $"/api/webchats/{w.WebchatId}/icon"), 401, 401, 401, 401, 403, 404, 200, 200, 404, 401, 401, 403, 403),
        new("POST /api/tokens", Manage, _ => Json(HttpMethod.Post, "/api/tokens", """{"name":"matrix","scopes":["webchats:read"]}"""), 401, 401, 401, 401, 403, 201, 201, 403, 403, 401, 401, 403, 403),
        // Scope escalation (issue 18, finding 1): asking for more than the caller holds is 403 and mints nothing.
        new("POST /api/tokens granting webchats:write", Manage, _ => Json(HttpMethod.Post, "/api/tokens", """{"name":"escalation","scopes":["webchats:read","webchats:write"]}"""), 401, 401, 401, 401, 403, 201, 201, 403, 403, 401, 401, 403, 403),
        new("GET /api/tokens", Manage, _ => new(HttpMethod.Get, "/api/tokens"), 401, 401, 401, 401, 403, 200, 200, 403, 403, 401, 401, 200, 403),
        new("DELETE /api/tokens/{id}", Manage, w => new(HttpMethod.Delete, $"/api/tokens/{w.VictimTokenId}"), 401, 401, 401, 401, 403, 404, 204, 403, 403, 401, 401, 204, 403),

        // Anonymous by design: a token, valid or not, neither helps nor hurts.
        new("GET /icons/{key} signed", null, w => new(HttpMethod.Get, w.IconPath), 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("GET /icons/{key} tampered signature", null, w => new(HttpMethod.Get, Tamper(w.IconPath)), 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
        new("GET /api/public/webchats/{id}", null, w => new(HttpMethod.Get, $"/api/public/webchats/{w.PublicWebchatId}"), 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("GET /api/public/webchats/{id} disabled", null, w => new(HttpMethod.Get, $"/api/public/webchats/{w.WebchatId}"), 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
        new("GET /health/live", null, _ => new(HttpMethod.Get, "/health/live"), 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("GET /health/ready", null, _ => new(HttpMethod.Get, "/health/ready"), 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("GET /openapi/v1.json", null, _ => new(HttpMethod.Get, "/openapi/v1.json"), 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ];

    private SharedWorld _world = null!;

    public static IEnumerable<TestCaseData> Cells() =>
        from row in Rows
        from caller in Enum.GetValues<Caller>()
        let status = row.Expected[(int)caller]
        select new TestCaseData(row, caller, status).SetName($"{row.Endpoint.Replace('{', '(').Replace('}', ')')} as {caller} is {status}").SetCategory("Reliability");

    [OneTimeSetUp]
    public void OtherFixturesMayHaveResetTheDatabase() => SharedWorld.Suspect();

    [SetUp]
    public async Task EnsureWorldAsync() => _world = await SharedWorld.EnsureAsync();

    [Test]
    public void Every_row_has_a_status_for_every_caller() =>
        Assert.That(Rows.Select(r => r.Expected.Length), Is.All.EqualTo(Enum.GetValues<Caller>().Length));

    [TestCaseSource(nameof(Cells))]
    public async Task Endpoint_and_caller_give_exactly_the_expected_status(Row row, Caller caller, int expected)
    {
        var before = await SharedWorld.CountAsync();
        using var request = row.Request(_world);
        var token = TokenFor(caller, row.Scope);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var client = ReliabilityHttp.AnonymousClient();
        using var response = await client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(expected), text);
        if (expected >= 400)
        {
            await ReliabilityHttp.Problem(response, (HttpStatusCode)expected);
        }

        if (expected == 401)
        {
            Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
        }

        if (expected >= 400 || request.Method == HttpMethod.Get)
        {
            // Refusals and reads change nothing at all.
            await _world.AssertIntactAsync(before);
        }
    }

    private string? TokenFor(Caller caller, string? scope) => caller switch
    {
        Caller.NoToken => null,
        Caller.GarbageToken => "not-a-jwt",
        Caller.BadlySignedJwt => TestTokens.SignedWithOtherKey(FunctionalTest.OrgA, FunctionalTest.UserA),
        Caller.ExpiredJwt => TestTokens.Expired(FunctionalTest.OrgA, FunctionalTest.UserA),
        Caller.WrongScopeJwt => TestTokens.For(FunctionalTest.OrgA, FunctionalTest.UserA,
            string.Join(' ', new[] { Read, Write, Manage }.Where(s => s != (scope ?? Read)))),
        Caller.OtherOrganizationJwt => TestTokens.For(FunctionalTest.OrgB, FunctionalTest.UserB, SharedWorld.AllScopes),
        Caller.RightOrganizationJwt => TestTokens.For(FunctionalTest.OrgA, FunctionalTest.UserA, SharedWorld.AllScopes),
        Caller.ApiTokenRightOrganization => _world.ApiTokenA,
        Caller.ApiTokenOtherOrganization => _world.ApiTokenB,
        Caller.RevokedApiToken => _world.RevokedApiTokenA,
        Caller.TamperedApiToken => _world.ApiTokenA[..^1] + (_world.ApiTokenA[^1] == 'A' ? 'B' : 'A'),
        Caller.ManageOnlyJwt => TestTokens.For(FunctionalTest.OrgA, FunctionalTest.UserA, Manage),
        Caller.UppercaseScopeJwt => TestTokens.Raw("""{"alg":"HS256","typ":"JWT"}""", TestTokens.PayloadWith(
            $"\"sub\":\"{FunctionalTest.UserA}\",\"org\":\"{FunctionalTest.OrgA}\",\"scope\":\"{Read}\",\"SCOPE\":\"{Write} {Manage}\"")),
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    private static HttpRequestMessage Json(HttpMethod method, string path, string body, string mediaType = "application/json") =>
        new(method, path) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    /// <summary>The same signed URL with the last character of its signature changed.</summary>
    private static string Tamper(string pathAndQuery) => pathAndQuery[..^1] + (pathAndQuery[^1] == 'A' ? 'B' : 'A');

    /// <summary>One endpoint of the matrix.</summary>
    public sealed record Row(string Endpoint, string? Scope, Func<SharedWorld, HttpRequestMessage> Request, params int[] Expected)
    {
        public override string ToString() => Endpoint;
    }
}

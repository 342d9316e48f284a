using System.Net;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Webchats;

/// <summary>The admin page is static and public; what it shows comes from the API with the user's token.</summary>
public sealed class AdminPageTests : FunctionalTest
{
    [Test]
    public async Task Admin_page_is_served_without_a_token_with_a_strict_content_security_policy()
    {
        using var response = await Anonymous().GetAsync("/admin/");

        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("<script type=\"module\" src=\"admin.js\"></script>"));
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.That(csp, Does.Contain("script-src 'self'").And.Contain("connect-src 'self'").And.Contain("frame-ancestors 'none'"));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(response.Headers.CacheControl?.NoCache, Is.True);
        });
    }

    [Test]
    public async Task Admin_without_a_trailing_slash_redirects_to_the_page()
    {
        using var client = TestEnvironment.Factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/admin");

        Assert.That((int)response.StatusCode, Is.EqualTo(301).Or.EqualTo(302).Or.EqualTo(307).Or.EqualTo(308));
        Assert.That(response.Headers.Location?.OriginalString, Does.EndWith("/admin/"));
    }

    [TestCase("/admin/admin.js", "text/javascript")]
    [TestCase("/admin/admin.css", "text/css")]
    public async Task Page_assets_are_served(string path, string mediaType)
    {
        using var response = await Anonymous().GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
    }
}

using System.Net;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Operations;

public sealed class SecurityHeadersTests : FunctionalTest
{
    [TestCase("/api/webchats", true)]
    [TestCase("/api/webchats/nope", true)]
    [TestCase("/api/nothing-here", true)]
    [TestCase("/health/live", false)]
    [TestCase("/openapi/v1.json", false)]
    public async Task Every_api_response_carries_the_security_headers(string path, bool authenticated)
    {
        using var client = authenticated ? ClientFor() : Anonymous();
        using var response = await client.GetAsync(path);

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
            Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'none'"));
            Assert.That(response.Headers.Contains("Server"), Is.False);
        });
    }

    [Test]
    public async Task Unauthenticated_errors_carry_them_too()
    {
        using var response = await Anonymous().GetAsync("/api/webchats");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Webchats.Api.FunctionalTests.Infrastructure;

/// <summary>The real API in memory, on the run's PostgreSQL, with a fake clock and local icon storage.</summary>
/// <param name="settings">Extra configuration, for tests that need a second instance set up differently.</param>
public sealed class WebchatsApiFactory(
    string connectionString, string dataDirectory, TestClock clock, CapturedLogs logs, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string PublicBaseUrl = "http://webchats.test";

    /// <summary>The admin app's origin, the one <c>Webchats:Cors:AdminOrigins</c> entry of the tests.</summary>
    public const string AdminOrigin = "https://admin.webchats.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Webchats", connectionString);
        builder.UseSetting("Webchats:MigrateOnStartup", "true");
        builder.UseSetting("Webchats:DataDirectory", dataDirectory);
        builder.UseSetting("Webchats:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Webchats:Auth:SigningKey", TestTokens.SigningKey);
        builder.UseSetting("Webchats:Auth:Issuer", TestTokens.Issuer);
        builder.UseSetting("Webchats:Auth:Audience", TestTokens.Audience);
        builder.UseSetting("Webchats:Cors:AdminOrigins:0", AdminOrigin);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");

        // The suite sends thousands of requests per organization while the test clock stands
        // still; rate limiting has its own tests, which switch it on.
        builder.UseSetting("Webchats:RateLimiting:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        builder.ConfigureLogging(logging => logging.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
    }
}

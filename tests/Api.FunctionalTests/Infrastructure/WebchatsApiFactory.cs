using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Webchats.Api.FunctionalTests.Infrastructure;

/// <summary>The real API in memory, on the run's PostgreSQL, with a fake clock and local icon storage.</summary>
public sealed class WebchatsApiFactory(string connectionString, string dataDirectory, TestClock clock, CapturedLogs logs)
    : WebApplicationFactory<Program>
{
    public const string PublicBaseUrl = "http://webchats.test";

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
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        builder.ConfigureLogging(logging => logging.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
    }
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Webchats.Api.Auth;
using Webchats.Infrastructure.Persistence;

namespace Webchats.Api.Startup;

/// <summary>What a developer needs after <c>make run</c>: where the API is, its docs, and a token.</summary>
public static class DevBanner
{
    public static void PrintWhenStarted(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var baseUrl = app.Configuration["Webchats:PublicBaseUrl"]
                ?? app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? "http://127.0.0.1:5080";
            baseUrl = baseUrl.TrimEnd('/');
            var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
            var time = app.Services.GetRequiredService<TimeProvider>();
            var now = time.GetUtcNow();
            var token = auth.SigningKey is null
                ? "(no signing key configured)"
                : DevTokens.Create(auth, DemoDataSeeder.OrganizationId, DemoDataSeeder.UserId,
                    $"{WebchatClaims.ReadScope} {WebchatClaims.WriteScope}", now, now.AddHours(12));

            Console.WriteLine($"""

                Webchats API is running.
                  Base URL:  {baseUrl}
                  Docs UI:   {baseUrl}/scalar/v1
                  Admin page: {baseUrl}/admin/ (paste the dev token below)
                  OpenAPI:   {baseUrl}/openapi/v1.json
                  Demo webchat: {baseUrl}/api/webchats/{DemoDataSeeder.WebchatId}
                  Dev token (org {DemoDataSeeder.OrganizationId}, user {DemoDataSeeder.UserId}, 12 h):
                {token}

                """);
        });
    }
}

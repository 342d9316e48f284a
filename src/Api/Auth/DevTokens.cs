using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Webchats.Infrastructure.Persistence;

namespace Webchats.Api.Auth;

/// <summary>Signs HS256 tokens with the configured key: for <c>make token</c>, local runs and tests.</summary>
public static class DevTokens
{
    public static string Create(
        AuthOptions options,
        string organizationId,
        string userId,
        string scopes,
        DateTimeOffset notBefore,
        DateTimeOffset expires)
    {
        var key = options.SigningKey ?? throw new InvalidOperationException($"{AuthOptions.SectionName}:SigningKey is not configured.");
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [WebchatClaims.Subject] = userId,
            [WebchatClaims.Organization] = organizationId,
            [WebchatClaims.Scope] = scopes,
        };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Claims = claims,
            NotBefore = notBefore.UtcDateTime,
            IssuedAt = notBefore.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The <c>token</c> command line: <c>token --org ID --user ID --scopes "a b" [--hours N]</c>.</summary>
    public static int RunCommand(string[] args, AuthOptions options, TimeProvider time, TextWriter output)
    {
        string Option(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        var now = time.GetUtcNow();
        var hours = int.Parse(Option("--hours", "12"), System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine(Create(
            options,
            Option("--org", DemoDataSeeder.OrganizationId),
            Option("--user", DemoDataSeeder.UserId),
            Option("--scopes", $"{WebchatClaims.ReadScope} {WebchatClaims.WriteScope}"),
            now,
            now.AddHours(hours)));
        return 0;
    }
}

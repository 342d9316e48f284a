using System.Security.Claims;
using Microsoft.Extensions.Time.Testing;
using Webchats.Api.Auth;

namespace Webchats.Application.UnitTests.Api;

public sealed class ValidatedTokenCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 18, 14, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_validated_token_is_served_until_it_expires_and_not_after()
    {
        var clock = new FakeTimeProvider(Now);
        var cache = new ValidatedTokenCache(clock);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "x")], "test"));
        cache.Add("token-a", principal, Now.AddMinutes(2).UtcDateTime);

        Assert.That(cache.TryGet("token-a", out var cached), Is.True);
        Assert.That(cached, Is.SameAs(principal));
        Assert.That(cache.TryGet("token-b", out _), Is.False);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.That(cache.TryGet("token-a", out _), Is.False, "never past the token's own expiry");
    }

    [Test]
    public void A_long_lived_token_is_validated_again_after_five_minutes()
    {
        var clock = new FakeTimeProvider(Now);
        var cache = new ValidatedTokenCache(clock);
        cache.Add("token", new ClaimsPrincipal(), Now.AddDays(30).UtcDateTime);

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.That(cache.TryGet("token", out _), Is.True);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(cache.TryGet("token", out _), Is.False);
    }
}

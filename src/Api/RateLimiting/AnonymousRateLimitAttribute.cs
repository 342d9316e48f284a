namespace Webchats.Api.RateLimiting;

/// <summary>
/// Marks an anonymous endpoint whose requests are counted per client address
/// (<see cref="RateLimitOptions.AnonymousPermitsPerMinute"/>) by <see cref="RateLimitingMiddleware"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AnonymousRateLimitAttribute : Attribute;

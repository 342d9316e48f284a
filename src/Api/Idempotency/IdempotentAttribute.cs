using Microsoft.AspNetCore.Mvc;

namespace Webchats.Api.Idempotency;

/// <summary>Makes a POST safe to retry with an <c>Idempotency-Key</c> header (see <see cref="IdempotencyFilter"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IdempotentAttribute : TypeFilterAttribute
{
    public IdempotentAttribute()
        : base(typeof(IdempotencyFilter)) => IsReusable = true;
}

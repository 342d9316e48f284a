using Microsoft.AspNetCore.Mvc.Filters;

namespace Webchats.Api.Idempotency;

/// <summary>Makes a POST safe to retry with an <c>Idempotency-Key</c> header (see <see cref="IdempotencyFilter"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IdempotentAttribute : Attribute, IFilterFactory
{
    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
        ActivatorUtilities.CreateInstance<IdempotencyFilter>(serviceProvider);
}

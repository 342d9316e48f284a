using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Webchats.Application.Common.Models;
using Webchats.Application.Webchats.Common;

namespace Webchats.Api.OpenApi;

public static class OpenApiSetup
{
    // Fields that refuse an explicit null (api.md §3); every other field clears or resets on null.
    private static readonly HashSet<string> NotNullable =
        ["name", "isAutopilot", "isEnabled", "allowedDomains", "position", "offsetX", "offsetY", "zIndex"];

    private static readonly HashSet<string> ReadOnly =
        ["_id", "organizationId", "userId", "createdBy", "updatedBy", "createdAt", "updatedAt"];

    public static IServiceCollection AddWebchatsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Webchats API",
                    Version = "v1",
                    Description = "Configuration of embeddable chat widgets. Every error is an RFC 9457 problem (application/problem+json).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A JWT with sub (user id), org (organization id) and scope (webchats:read, webchats:write).",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
                return Task.CompletedTask;
            });

            // Request bodies exactly as ExactMediaTypeFilter enforces them: the generator would
            // otherwise list every application/*+json type a [Consumes] admits by suffix.
            options.AddOperationTransformer((operation, context, _) =>
            {
                var accepts = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>().LastOrDefault();
                if (accepts is not null && operation.RequestBody?.Content is { } content)
                {
                    foreach (var mediaType in content.Keys.Where(type => !accepts.ContentTypes.Contains(type, StringComparer.OrdinalIgnoreCase)).ToList())
                    {
                        content.Remove(mediaType);
                    }
                }

                return Task.CompletedTask;
            });

            // Patch properties are inlined so each can say whether null is allowed.
            options.CreateSchemaReferenceId = info => IsOptional(info.Type) ? null : OpenApiOptions.CreateDefaultSchemaReferenceId(info);

            // Optional<T> is read by a custom converter, so the generator cannot see through it:
            // describe each patch property by the type it carries.
            options.AddSchemaTransformer(async (schema, context, cancellationToken) =>
            {
                var type = context.JsonTypeInfo.Type;
                if (IsOptional(type))
                {
                    var inner = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, cancellationToken);
                    var name = context.JsonPropertyInfo?.Name ?? string.Empty;
                    schema.Type = NotNullable.Contains(name) ? inner.Type & ~JsonSchemaType.Null : inner.Type | JsonSchemaType.Null;
                    schema.Format = inner.Format;
                    schema.Items = inner.Items;
                    schema.Description = ReadOnly.Contains(name)
                        ? "Read-only: accepted only when equal to the stored value (a document read from the API may be sent back); any other value is 400."
                        : null;
                }
                else if (type == typeof(WebchatPatch))
                {
                    // Unknown properties are refused (400), whatever the extension-data property suggests.
                    schema.AdditionalPropertiesAllowed = false;
                    schema.AdditionalProperties = null;
                }
            });
        });

    private static bool IsOptional(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>);
}

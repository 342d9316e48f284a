using Microsoft.OpenApi;
using Webchats.Application.Common.Models;

namespace Webchats.Api.OpenApi;

public static class OpenApiSetup
{
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

            // Optional<T> is read by a custom converter, so the generator cannot see through it:
            // describe each patch property by the type it carries.
            options.AddSchemaTransformer(async (schema, context, cancellationToken) =>
            {
                var type = context.JsonTypeInfo.Type;
                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>))
                {
                    var inner = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, cancellationToken);
                    schema.Type = inner.Type;
                    schema.Format = inner.Format;
                    schema.Items = inner.Items;
                    schema.Properties = inner.Properties;
                    schema.AdditionalPropertiesAllowed = true;
                }
                else if (type == typeof(Application.Webchats.Common.WebchatPatch))
                {
                    // Unknown properties are refused (400), whatever the extension-data property suggests.
                    schema.AdditionalPropertiesAllowed = false;
                    schema.AdditionalProperties = null;
                }
            });
        });
}

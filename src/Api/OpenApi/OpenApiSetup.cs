using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Webchats.Application.Webchats.Common;
using Webchats.Application.Webchats.Queries.GetPublicWebchat;
using Webchats.Domain.Webchats;

namespace Webchats.Api.OpenApi;

public static class OpenApiSetup
{
    private const string ReadOnlyNote =
        "Read-only: accepted only when equal to the stored value (a document read from the API may be sent back); any other value is 400.";

    private static readonly string[] Ids = ["_id", "organizationId", "userId", "createdBy", "updatedBy"];

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

            // Webchat bodies and documents are read and written from the field declarations by
            // custom converters, which the generator cannot see through: describe them from the
            // same declarations.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                if (type == typeof(WebchatPatch))
                {
                    Describe(schema, WebchatFields.All.Select(field => (field.Name, FieldSchema(field, field.AcceptsNull))));
                    foreach (var name in WebchatPatch.ReadOnlyFields.Keys)
                    {
                        schema.Properties![name] = new OpenApiSchema { Type = JsonSchemaType.String, Description = ReadOnlyNote };
                    }

                    schema.AdditionalPropertiesAllowed = false;
                }
                else if (type == typeof(WebchatDto))
                {
                    Describe(schema, [
                        .. Ids.Select(id => (id, Text())),
                        .. WebchatFields.All.Select(field => (field.Name, FieldSchema(field, field.IsNullable))),
                        ("createdAt", Text("date-time")),
                        ("updatedAt", Text("date-time"))]);
                }
                else if (type == typeof(PublicWebchatDto))
                {
                    Describe(schema, [("_id", Text()), .. WebchatFields.Public.Select(field => (field.Name, FieldSchema(field, field.IsNullable)))]);
                }

                return Task.CompletedTask;
            });
        });

    private static void Describe(OpenApiSchema schema, IEnumerable<(string Name, OpenApiSchema Schema)> properties)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Properties = properties.ToDictionary(property => property.Name, property => (IOpenApiSchema)property.Schema);
    }

    private static OpenApiSchema Text(string? format = null) => new() { Type = JsonSchemaType.String, Format = format };

    private static OpenApiSchema FieldSchema(WebchatField field, bool nullable)
    {
        var schema = field.JsonKind switch
        {
            JsonKind.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
            JsonKind.WholeNumber => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            JsonKind.TextArray => new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text() },
            _ => Text(),
        };
        if (field.IsIcon)
        {
            schema.Description = "A signed URL of the stored icon; send it back unchanged, a storage key of this organization's icons, or null to remove it.";
        }

        if (nullable)
        {
            schema.Type |= JsonSchemaType.Null;
        }

        return schema;
    }
}

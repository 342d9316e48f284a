using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Webchats.Api.Errors;
using Webchats.Api.Idempotency;
using Webchats.Application.Webchats.Common;
using Webchats.Application.Webchats.Queries.GetPublicWebchat;
using Webchats.Domain.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Api.OpenApi;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>), written for client generators: every webchat
/// field's type and rule comes from its one declaration (<see cref="WebchatFields"/>), headers and
/// problem bodies are described as the API sends them, and every operation has a stable id.
/// </summary>
public static class OpenApiSetup
{
    /// <summary><c>Webchats:ApiDocs:Enabled</c>: serve the document and the docs UI (default: everywhere but Production).</summary>
    public const string EnabledKey = "Webchats:ApiDocs:Enabled";

    private const string ReadOnlyNote =
        "Read-only: accepted only when equal to the stored value (a document read from the API may be sent back); any other value is 400.";

    private const string CreateSchema = "WebchatCreate";
    private const string UpdateSchema = "WebchatUpdate";

    private static readonly string[] Ids = ["_id", "organizationId", "userId", "createdBy", "updatedBy"];
    private static readonly string[] Dates = ["createdAt", "updatedAt"];

    /// <summary>Types the API reads or writes as raw bytes (uploads, files): inline binary strings.</summary>
    private static readonly Type[] BinaryTypes = [typeof(IFormFile), typeof(Stream)];

    /// <summary>The members of every problem body, as the API writes them (RFC 9457 plus <c>traceId</c>).</summary>
    private static readonly (string Name, Func<OpenApiSchema> Schema, bool Required)[] ProblemMembers =
    [
        ("type", () => Text("uri-reference", "A URI that identifies the kind of problem."), true),
        ("title", () => Text(description: "A short summary of the kind of problem."), false),
        ("status", () => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." }, true),
        ("detail", () => Text(description: "What went wrong with this request, for people."), true),
        ("traceId", () => Text(description: "Quote it to support: it finds this request in the service's logs."), true),
    ];

    /// <summary>Tags by controller, with what an integrator needs to know about each.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Webchats"] = "The webchats of the caller's organization: create, read, list, update with patch semantics (ETag + If-Match for optimistic concurrency), delete, and the audit trail.",
        ["WebchatIcon"] = "The icon of a webchat: upload an image, or remove it.",
        ["PublicWebchats"] = "What a widget reads on a customer's page: the public fields of an enabled webchat, no token needed.",
        ["ApiTokens"] = "Long-lived API tokens for back-office integrations (wct_…); managing them needs a user's JWT with tokens:manage.",
        ["IconFiles"] = "Icon files at the signed URLs the API hands out (local store only).",
    };

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(EnabledKey) ?? !environment.IsProduction();

    public static IServiceCollection AddWebchatsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // Names for integrators, not .NET types; an uploaded file is inlined as binary.
            options.CreateSchemaReferenceId = type => type.Type switch
            {
                var t when t == typeof(WebchatPatch) => UpdateSchema,
                var t when t == typeof(ProblemDetails) => "Problem",
                var t when t == typeof(ValidationProblemDetails) => "ValidationProblem",
                _ => OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id ? id.Replace("Dto", string.Empty, StringComparison.Ordinal) : null,
            };
            // HEAD answers as GET without the body (the GET's description says so); as an operation
            // of its own it would only give generated clients a second method with a clashing id.
            options.ShouldInclude = description => description.HttpMethod != HttpMethods.Head;
            options.AddDocumentTransformer(DescribeDocument);
            options.AddOperationTransformer(DescribeOperation);
            options.AddSchemaTransformer((schema, context, _) =>
            {
                DescribeSchema(schema, context.JsonTypeInfo.Type);

                // The document's converter hides it from the generator, which then drops a list's items.
                if (context.JsonTypeInfo.Type == typeof(IReadOnlyList<WebchatDto>) && context.Document is { } document)
                {
                    schema.Items = new OpenApiSchemaReference("Webchat", document);
                }

                return Task.CompletedTask;
            });
        });

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Webchats API",
            Version = "v1",
            Description = "Configuration of embeddable chat widgets. Every error is an RFC 9457 problem (application/problem+json).",
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
        };

        // Never the request's Host (api.md §8): the configured public address, or none.
        var baseUrl = context.ApplicationServices.GetRequiredService<IConfiguration>()["Webchats:PublicBaseUrl"]?.TrimEnd('/');
        document.Servers = string.IsNullOrEmpty(baseUrl) ? [] : [new OpenApiServer { Url = baseUrl }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A user's JWT with sub (user id), org (organization id) and scope (webchats:read, webchats:write, tokens:manage), or an API token (wct_…).",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];

        document.Tags = new HashSet<OpenApiTag>(
            (document.Tags ?? Enumerable.Empty<OpenApiTag>()).Select(tag => new OpenApiTag { Name = tag.Name, Description = TagDescriptions.GetValueOrDefault(tag.Name ?? string.Empty) }));

        InlineBinaryParts(document);

        // Create takes the update body with "name" required: one schema more, the same fields.
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[CreateSchema] = BodySchema(forCreate: true);
        if (document.Paths.TryGetValue("/api/webchats", out var collection)
            && collection.Operations?.GetValueOrDefault(HttpMethod.Post)?.RequestBody?.Content is { } content)
        {
            foreach (var mediaType in content.Values)
            {
                mediaType.Schema = new OpenApiSchemaReference(CreateSchema, document);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Uploads and files as <c>{type: string, format: binary}</c> in place: generators turn a
    /// reference to a named file schema into a type of their own that does not compile or send.
    /// </summary>
    private static void InlineBinaryParts(OpenApiDocument document)
    {
        var names = BinaryTypes.Select(type => type.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var operation in document.Paths.Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            var contents = (operation.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())
                .Concat((operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).SelectMany(response => response.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()));
            foreach (var mediaType in contents)
            {
                if (IsBinaryReference(mediaType.Schema, names))
                {
                    mediaType.Schema = Binary();
                }
                else if (mediaType.Schema is OpenApiSchema { Properties: { } properties })
                {
                    foreach (var name in properties.Where(property => IsBinaryReference(property.Value, names)).Select(property => property.Key).ToList())
                    {
                        properties[name] = Binary();
                    }
                }
            }
        }

        foreach (var name in names)
        {
            document.Components?.Schemas?.Remove(name);
        }
    }

    private static bool IsBinaryReference(IOpenApiSchema? schema, HashSet<string> names) =>
        schema is OpenApiSchemaReference reference && names.Contains(reference.Reference.Id ?? string.Empty);

    private static OpenApiSchema Binary() => new() { Type = JsonSchemaType.String, Format = "binary" };

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;

        // Request bodies exactly as ExactMediaTypeFilter enforces them: the generator would
        // otherwise list every application/*+json type a [Consumes] admits by suffix.
        var accepts = metadata.OfType<IAcceptsMetadata>().LastOrDefault();
        if (accepts is not null && operation.RequestBody?.Content is { } content)
        {
            foreach (var mediaType in content.Keys.Where(type => !accepts.ContentTypes.Contains(type, StringComparer.OrdinalIgnoreCase)).ToList())
            {
                content.Remove(mediaType);
            }

            // A file part is what an upload is for: each one is required.
            if (content.TryGetValue("multipart/form-data", out var form) && form.Schema is OpenApiSchema formSchema && formSchema.Properties is { } parts)
            {
                formSchema.Required = new HashSet<string>(parts.Where(part => part.Value.Format == "binary").Select(part => part.Key), StringComparer.Ordinal);
            }
        }

        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
        }

        var headers = metadata.OfType<HttpHeadersAttribute>().LastOrDefault();
        if (metadata.OfType<IdempotentAttribute>().Any())
        {
            AddParameter(operation, IdempotencyFilter.HeaderName,
                "Makes the request safe to retry: a repeat with the same key within 24 hours replays the first answer instead of acting again (up to 200 visible ASCII characters).");
        }

        switch (headers?.Precondition)
        {
            case Precondition.IfMatch:
                AddParameter(operation, HeaderNames.IfMatch,
                    "The ETag the change is based on (or *): a stale one is 412 and nothing changes. Optimistic concurrency without lost updates.");
                break;
            case Precondition.IfNoneMatch:
                AddParameter(operation, HeaderNames.IfNoneMatch,
                    "The ETag of the copy the client has: when it is still current, the answer is 304 without a body.");
                break;
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse described)
            {
                continue;
            }

            if (headers is { ETag: true } && status.StartsWith('2'))
            {
                AddHeader(described, HeaderNames.ETag, "The version of the webchat; send it as If-Match to update only that version.");
            }

            if (headers is { Location: true } && status == "201")
            {
                AddHeader(described, HeaderNames.Location, "The URL of the created resource.");
            }

            if (status is "429" or "503")
            {
                AddHeader(described, HeaderNames.RetryAfter, "Seconds to wait before trying again.", JsonSchemaType.Integer);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Webchat bodies and documents are read and written from the field declarations by custom
    /// converters, which the generator cannot see through: describe them from the same declarations.
    /// </summary>
    private static void DescribeSchema(OpenApiSchema schema, Type type)
    {
        if (type == typeof(WebchatPatch))
        {
            Fill(schema, BodySchema(forCreate: false));
        }
        else if (type == typeof(WebchatDto))
        {
            Describe(schema, [
                .. Ids.Select(id => (id, ReadOnly(Id()))),
                .. WebchatFields.All.Select(field => (field.Name, FieldSchema(field, field.IsNullable, stored: true, withDefault: false))),
                .. Dates.Select(date => (date, ReadOnly(Text("date-time"))))]);
            schema.Description = "A webchat: its ids and times, and every field with its current value (null where a field has none).";
            schema.Required = new HashSet<string>(schema.Properties!.Keys, StringComparer.Ordinal);
        }
        else if (type == typeof(PublicWebchatDto))
        {
            Describe(schema, [("_id", Id()), .. WebchatFields.Public.Select(field => (field.Name, FieldSchema(field, field.IsNullable, stored: true, withDefault: false)))]);
            schema.Description = "What a widget needs to render, and nothing else: no organization, user, prompt, pipeline, allowed domains or audit fields.";
            schema.Required = new HashSet<string>(schema.Properties!.Keys, StringComparer.Ordinal);
        }
        else if (type == typeof(ProblemDetails) || type == typeof(ValidationProblemDetails))
        {
            Describe(schema, ProblemMembers.Select(member => (member.Name, member.Schema())));
            schema.Required = new HashSet<string>(ProblemMembers.Where(member => member.Required).Select(member => member.Name), StringComparer.Ordinal);
            if (type == typeof(ValidationProblemDetails))
            {
                schema.Properties!["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "The messages for each invalid field, keyed by its JSON path (allowedDomains[2], name, file).",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text() },
                };
                schema.Properties![Problems.ErrorCountMember] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Description = $"Present only when errors was cut to its first {Problems.MaxFieldErrors} messages: how many the request had in all.",
                };
                schema.Required.Add("errors");
            }
        }
        else if (BinaryTypes.Contains(type))
        {
            Fill(schema, Binary());
        }
        else if (Nullable.GetUnderlyingType(type) is { } underlying && underlying == typeof(DateTimeOffset))
        {
            // The service's own converter (UTC, milliseconds, Z) hides the type from the generator.
            Fill(schema, new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date-time" });
        }
        else if (type == typeof(DateTimeOffset))
        {
            Fill(schema, Text("date-time"));
        }
    }

    /// <summary>The request body of POST (name required) or of PUT/PATCH (every field optional).</summary>
    private static OpenApiSchema BodySchema(bool forCreate)
    {
        var schema = new OpenApiSchema
        {
            Description = forCreate
                ? "A new webchat: name is required, every other field has its default."
                : "A patch: an absent property leaves the field as it is, a present one sets it; null clears a text or reference, resets a colour, removes the icon.",
        };
        Describe(schema, [
            .. WebchatFields.All.Select(field => (field.Name, FieldSchema(field, field.AcceptsNull, stored: false, withDefault: forCreate))),
            .. WebchatPatch.ReadOnlyFields.Keys.Select(name => (name, ReadOnly(Dates.Contains(name) ? Text("date-time", ReadOnlyNote) : Id(ReadOnlyNote))))]);
        schema.AdditionalPropertiesAllowed = false;
        if (forCreate)
        {
            schema.Required = new HashSet<string>(WebchatFields.All.Where(field => field.IsRequired).Select(field => field.Name), StringComparer.Ordinal);
        }

        return schema;
    }

    /// <summary>
    /// A field's schema from its declaration: a request's rule (<paramref name="stored"/> false) or a
    /// document's value. Only a create has defaults: in an update, an absent field stays as it is,
    /// and a generator that fills in defaults would overwrite it.
    /// </summary>
    private static OpenApiSchema FieldSchema(WebchatField field, bool nullable, bool stored, bool withDefault)
    {
        var schema = field.JsonKind switch
        {
            JsonKind.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
            JsonKind.WholeNumber => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            JsonKind.TextArray => new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = Text(description: "An origin: https://host[:port], https://*.host, or http://localhost / http://127.0.0.1 with a port."),
                MaxItems = field.MaxItems,
            },
            _ => Text(),
        };
        schema.MaxLength = field.TextMaxLength;
        schema.Pattern = stored ? field.StoredPattern : field.Pattern;
        if (field.Range is var (min, max))
        {
            schema.Minimum = min.ToString(CultureInfo.InvariantCulture);
            schema.Maximum = max.ToString(CultureInfo.InvariantCulture);
        }

        if (field.Choices is { } choices)
        {
            schema.Enum = [.. choices.Select(choice => (JsonNode)JsonValue.Create(choice))];
        }

        schema.Default = !withDefault ? null : WebchatField.ToRaw(field.Default) switch
        {
            string { Length: > 0 } text => JsonValue.Create(text),
            bool flag => JsonValue.Create(flag),
            int number => JsonValue.Create(number),
            _ => null,
        };

        if (field.IsIcon)
        {
            schema.Description = stored
                ? "A signed, expiring URL of the stored icon."
                : "The signed URL this API handed out (sent back unchanged), a storage key of this organization's icons, or null to remove the icon. Upload a new one with uploadWebchatIcon.";
        }

        if (nullable)
        {
            schema.Type |= JsonSchemaType.Null;
        }

        return schema;
    }

    private static void AddParameter(OpenApiOperation operation, string header, string description)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = header,
            In = ParameterLocation.Header,
            Required = false,
            Description = description,
            Schema = Text(),
        });
    }

    private static void AddHeader(OpenApiResponse response, string name, string description, JsonSchemaType type = JsonSchemaType.String)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
    }

    private static void Describe(OpenApiSchema schema, IEnumerable<(string Name, OpenApiSchema Schema)> properties)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Properties = properties.ToDictionary(property => property.Name, property => (IOpenApiSchema)property.Schema);
    }

    /// <summary>Replaces what the generator inferred with the given schema.</summary>
    private static void Fill(OpenApiSchema schema, OpenApiSchema with)
    {
        schema.Type = with.Type;
        schema.Format = with.Format;
        schema.Description = with.Description ?? schema.Description;
        schema.Properties = with.Properties;
        schema.Required = with.Required;
        schema.AdditionalPropertiesAllowed = with.AdditionalPropertiesAllowed;
    }

    private static OpenApiSchema ReadOnly(OpenApiSchema schema)
    {
        schema.ReadOnly = true;
        return schema;
    }

    private static OpenApiSchema Id(string? description = null) =>
        new() { Type = JsonSchemaType.String, Pattern = ObjectIds.Pattern, Description = description };

    private static OpenApiSchema Text(string? format = null, string? description = null) =>
        new() { Type = JsonSchemaType.String, Format = format, Description = description };
}

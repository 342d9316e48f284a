using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using Webchats.Api.Errors;
using Webchats.Api.Json;

namespace Webchats.Api.Startup;

public static class MvcSetup
{
    /// <summary>Largest JSON body the API reads (api.md §3); larger ones get 413.</summary>
    public const int MaxJsonBodyBytes = 64 * 1024;

    public static IServiceCollection AddWebchatsMvc(this IServiceCollection services)
    {
        services.AddControllers(options =>
            {
                // A body that failed to read already has its own error; "the body field is
                // required" on top of it would only confuse.
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                // An instance, not Add<T>(): a type filter is built again for every request, and it
                // keeps MVC from caching the action's filter list.
                options.Filters.Add(new ExactMediaTypeFilter());

                // Parameters come from the route, the query string and the JSON body; the icon upload
                // reads its file from the form itself. The other value providers (form fields,
                // jQuery-style "a[b]" keys) were only looked up, for every request, to find nothing.
                options.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
                options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
                options.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
                options.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();

                // JSON is the only representation; no text/plain or text/json variants.
                options.OutputFormatters.RemoveType<StringOutputFormatter>();
                options.OutputFormatters.OfType<SystemTextJsonOutputFormatter>().Single().SupportedMediaTypes.Remove("text/json");
            })
            .AddJsonOptions(options => ConfigureJson(options.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(options =>
            {
                options.InvalidModelStateResponseFactory = context =>
                {
                    var factory = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();

                    var problem = factory.CreateValidationProblemDetails(
                        context.HttpContext, context.ModelState, StatusCodes.Status400BadRequest, detail: Problems.ValidationDetail);
                    return new BadRequestObjectResult(problem) { ContentTypes = { ResponseConventions.ProblemContentType } };
                };
            });
        services.AddSingleton<IConfigureOptions<MvcOptions>, UseStrictJsonInput>();

        // The OpenAPI generator reads these options, not MVC's: keep them the same.
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        return services;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        // The contract is camelCase exactly: "IsEnabled" is an unknown property, not isEnabled,
        // and "24" is not a number.
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 32;
        options.AllowDuplicateProperties = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new WebchatPatchJsonConverter());
        foreach (var converter in WebchatDocumentJsonConverters.All)
        {
            options.Converters.Add(converter);
        }

        options.Converters.Add(new UtcMillisecondsDateTimeOffsetConverter());
    }

    private sealed class UseStrictJsonInput(IOptions<JsonOptions> json) : IConfigureOptions<MvcOptions>
    {
        public void Configure(MvcOptions options)
        {
            options.InputFormatters.Clear();
            options.InputFormatters.Add(new StrictJsonInputFormatter(json.Value.JsonSerializerOptions, MaxJsonBodyBytes));
        }
    }
}

using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Webchats.Application.ApiTokens.Common;
using Webchats.Application.Webchats.Common;
using Webchats.Domain.Common;

namespace Webchats.Application;

public static class DependencyInjection
{
    /// <summary>Validators and application services. The mediator itself is generated in the host.</summary>
    public static IServiceCollection AddApplicationServices(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton<ObjectIdGenerator>();
        services.AddSingleton<IconReferences>(); // stateless; the storage it asks is a singleton
        services.AddScoped<WebchatPatchResolver>();
        services.AddScoped<IconCleanup>();
        services.AddScoped<ApiTokenAuthenticator>();
        return services;
    }
}

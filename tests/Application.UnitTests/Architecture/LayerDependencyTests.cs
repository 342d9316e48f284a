using System.Reflection;
using NetArchTest.Rules;

namespace Webchats.Application.UnitTests.Architecture;

/// <summary>Dependencies point inward: Api → Application/Infrastructure → Domain.</summary>
public sealed class LayerDependencyTests
{
    private static readonly Assembly Domain = typeof(Domain.Webchats.Webchat).Assembly;
    private static readonly Assembly Application = typeof(Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Api = typeof(global::Webchats.Api.Errors.ProblemExceptionHandler).Assembly;

    private static readonly string[] OuterFrameworks =
    [
        "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.AspNetCore", "Amazon", "Webchats.Infrastructure", "Webchats.Api",
    ];

    [Test]
    public void Domain_depends_on_nothing_but_the_base_class_library()
    {
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny([.. OuterFrameworks, "Webchats.Application", "Mediator", "FluentValidation", "Riok.Mapperly", "Microsoft.Extensions"])
            .GetResult();
        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
        Assert.That(Domain.GetReferencedAssemblies().Select(a => a.Name), Is.All.StartsWith("System").Or.EqualTo("netstandard"));
    }

    [Test]
    public void Application_does_not_depend_on_infrastructure_ef_core_aspnetcore_or_the_aws_sdk()
    {
        var result = Types.InAssembly(Application).ShouldNot().HaveDependencyOnAny(OuterFrameworks).GetResult();
        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
        Assert.That(Application.GetReferencedAssemblies().Select(a => a.Name),
            Has.None.StartsWith("Microsoft.EntityFrameworkCore").And.None.StartsWith("Npgsql").And.None.StartsWith("AWSSDK")
                .And.None.StartsWith("Microsoft.AspNetCore").And.None.EqualTo("Webchats.Infrastructure"));
    }

    [Test]
    public void Infrastructure_does_not_depend_on_the_api()
    {
        var result = Types.InAssembly(Infrastructure).ShouldNot().HaveDependencyOn("Webchats.Api").GetResult();
        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void An_application_port_is_used_by_the_application()
    {
        // A contract only the Api uses (the rate-limit and idempotency stores) belongs with its
        // implementation in Infrastructure, which the Api references, not among Application's ports.
        var ports = Application.GetTypes().Where(t => t.IsInterface && t.Namespace == "Webchats.Application.Common.Interfaces").ToList();
        Assert.That(ports, Is.Not.Empty);
        foreach (var port in ports)
        {
            var users = Types.InAssembly(Application).That().HaveDependencyOn(port.FullName).GetTypes().Where(t => t != port);
            Assert.That(users, Is.Not.Empty, $"{port.Name} is used by no type of the Application");
        }
    }

    [Test]
    public void The_api_maps_application_exceptions_only_not_the_database_drivers()
    {
        var result = Types.InAssembly(Api).That().ResideInNamespace("Webchats.Api.Errors")
            .ShouldNot().HaveDependencyOnAny("Webchats.Infrastructure", "Npgsql", "Microsoft.EntityFrameworkCore")
            .GetResult();
        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void Json_converters_are_wire_format_and_stay_out_of_the_application()
    {
        // The text of a time is Domain's (Timestamps.FormatUtf8); the converters that write it are the Api's and Infrastructure's.
        var converters = Application.GetTypes().Where(t => typeof(System.Text.Json.Serialization.JsonConverter).IsAssignableFrom(t));
        Assert.That(converters, Is.Empty);
    }

    [Test]
    public void Handlers_are_sealed_and_live_beside_their_command_or_query()
    {
        var handlers = Application.GetTypes().Where(t => t.Name.EndsWith("Handler", StringComparison.Ordinal) && !t.IsInterface).ToList();
        Assert.That(handlers, Is.Not.Empty);
        foreach (var handler in handlers)
        {
            var message = Application.GetType(handler.FullName![..^"Handler".Length]);
            Assert.That(message, Is.Not.Null, $"{handler.Name} needs its message in the same folder and namespace");
            Assert.That(handler.IsSealed, Is.True, handler.Name);
        }
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Webchats.Api.Startup;

namespace Webchats.Api.Controllers;

/// <summary>
/// Documents the error statuses of an action in one place: each is an
/// <c>application/problem+json</c> response, a <see cref="ValidationProblemDetails"/> for 400 and a
/// <see cref="ProblemDetails"/> otherwise. The same as one <c>[ProducesResponseType]</c> per status.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ProblemResponsesAttribute(params int[] statuses) : Attribute, IActionModelConvention, IControllerModelConvention
{
    public void Apply(ActionModel action)
    {
        foreach (var status in statuses)
        {
            var type = status == StatusCodes.Status400BadRequest ? typeof(ValidationProblemDetails) : typeof(ProblemDetails);
            action.Filters.Add(new ProducesResponseTypeAttribute(type, status, ResponseConventions.ProblemContentType));
        }
    }

    public void Apply(ControllerModel controller)
    {
        foreach (var action in controller.Actions)
        {
            Apply(action);
        }
    }
}

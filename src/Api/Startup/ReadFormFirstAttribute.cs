using Microsoft.AspNetCore.Mvc.Filters;
using Webchats.Api.Errors;

namespace Webchats.Api.Startup;

/// <summary>
/// Reads a multipart form before model binding, so a form over its size limit is a 413 problem like
/// every other oversize body (model binding would turn the reader's error into a 400 under an
/// empty key). The form stays cached on the request for binding.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadFormFirstAttribute : Attribute, IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.HasFormContentType)
        {
            try
            {
                await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (InvalidDataException exception) when (exception.Message.StartsWith("Multipart body length limit", StringComparison.Ordinal))
            {
                // The reader names no exception type of its own for its limits; its message does.
                context.Result = Problems.Result(http, StatusCodes.Status413PayloadTooLarge, "The form is larger than this endpoint accepts.");
                return;
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException and not BadHttpRequestException)
            {
                context.Result = Problems.Result(http, StatusCodes.Status400BadRequest,
                    "The body is not a well-formed multipart/form-data message (check the boundary and the parts).");
                return;
            }
        }

        await next();
    }
}

namespace Webchats.Application.Common.Exceptions;

/// <summary>
/// The resource does not exist for this caller: never created, deleted, or in another
/// organization. One answer for all three, so ids of other tenants cannot be probed; the answer
/// names the kind of resource (<paramref name="resource"/>, e.g. "webchat", "API token").
/// </summary>
public sealed class NotFoundException(string resource) : Exception($"The {resource} does not exist.");

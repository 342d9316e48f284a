namespace Webchats.Application.Common.Exceptions;

/// <summary>
/// The resource does not exist for this caller: never created, deleted, or in another
/// organization. One answer for all three, so ids of other tenants cannot be probed.
/// </summary>
public sealed class NotFoundException(string resource) : Exception($"{resource} was not found.");

namespace Webchats.Application.Common.Exceptions;

/// <summary>The caller is known but may not do this; the message says why, for the API client.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

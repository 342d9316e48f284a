namespace Webchats.Application.Common.Exceptions;

/// <summary>An <c>If-Match</c> precondition did not hold: the caller edited a stale version.</summary>
public sealed class PreconditionFailedException()
    : Exception("The webchat was changed since it was read; read it again and retry with its current ETag.");

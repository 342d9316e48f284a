namespace Webchats.Application.Common.Exceptions;

/// <summary>Another request changed the same row between our read and our write.</summary>
public sealed class ConcurrencyConflictException(Exception inner)
    : Exception("The row was changed by another request.", inner);

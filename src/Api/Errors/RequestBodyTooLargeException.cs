namespace Webchats.Api.Errors;

public sealed class RequestBodyTooLargeException(long limitBytes)
    : Exception($"The request body is larger than the limit of {limitBytes} bytes.");

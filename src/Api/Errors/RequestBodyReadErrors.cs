using Microsoft.AspNetCore.Http.Features;

namespace Webchats.Api.Errors;

/// <summary>
/// The one place where a request body that cannot be read because of its HTTP framing becomes a
/// 400 (api.md §8), whoever reads it (the JSON formatter, the form reader). Kestrel reports most
/// framing errors as <see cref="BadHttpRequestException"/>, which <see cref="ProblemExceptionHandler"/>
/// maps by its status; some as a plain <see cref="IOException"/> (a chunk size of 2³¹ or more is
/// "Bad chunk size data" around an <see cref="OverflowException"/>), which would otherwise be a 500.
/// This wraps the body so that every read error is a <see cref="BadHttpRequestException"/>.
/// </summary>
public static class RequestBodyReadErrors
{
    public static IApplicationBuilder UseRequestBodyReadErrors(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
            {
                context.Request.Body = new FramingErrorStream(context.Request.Body);
            }

            return next(context);
        });

    /// <summary>A read-only view of the request body whose read errors are bad requests.</summary>
    private sealed class FramingErrorStream(Stream body) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await body.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException exception) when (exception is not BadHttpRequestException)
            {
                throw Malformed(exception);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return body.Read(buffer, offset, count);
            }
            catch (IOException exception) when (exception is not BadHttpRequestException)
            {
                throw Malformed(exception);
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static BadHttpRequestException Malformed(IOException exception) =>
            new("The request body's HTTP framing is malformed.", StatusCodes.Status400BadRequest, exception);
    }
}

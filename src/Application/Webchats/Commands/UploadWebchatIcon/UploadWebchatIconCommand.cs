using Mediator;
using Webchats.Application.Common.Behaviors;
using Webchats.Application.Common.Models;
using Webchats.Application.Webchats.Common;

namespace Webchats.Application.Webchats.Commands.UploadWebchatIcon;

/// <param name="Content">The uploaded file, at most <see cref="Domain.Webchats.IconFormat.MaxBytes"/> bytes.</param>
public sealed record UploadWebchatIconCommand(Caller Caller, string Id, ReadOnlyMemory<byte> Content)
    : ICommand<WebchatResult>, IRetryOnConcurrencyConflict;

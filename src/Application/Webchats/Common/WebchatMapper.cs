using Riok.Mapperly.Abstractions;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Common;

[Mapper]
public static partial class WebchatMapper
{
    public static WebchatResult ToResult(this Webchat webchat, IIconStorage icons) =>
        new(webchat.ToDto(icons.SignedUrlOrNull(webchat.Settings.IconKey)), webchat.Version);

    // The icon is a freshly signed URL, never the stored key, so it comes in as a parameter.
    [MapperIgnoreSource(nameof(Webchat.Version))]
    [MapperIgnoreSource(nameof(Webchat.PendingChange))]
    [MapperIgnoreSource(nameof(Webchat.DeletedAt))]
    [MapperIgnoreSource(nameof(Webchat.IsDeleted))]
    public static partial WebchatDto ToDto(this Webchat webchat, string? icon);
}

using Riok.Mapperly.Abstractions;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Common;

[Mapper]
public static partial class WebchatMapper
{
    /// <summary>The strong entity tag of a stored version; it changes with every stored change.</summary>
    public static string ETagOf(Webchat webchat) => ETagOf(webchat.Version);

    /// <inheritdoc cref="ETagOf(Webchat)"/>
    public static string ETagOf(uint version) => $"\"{version:x8}\"";

    public static WebchatResult ToResult(this Webchat webchat, IIconStorage icons) =>
        new(webchat.ToDto(icons.SignedUrlOrNull(webchat.IconKey)), ETagOf(webchat));

    // The icon is a freshly signed URL, never the stored key, so it comes in as a parameter.
    [MapperIgnoreSource(nameof(Webchat.IconKey))]
    [MapperIgnoreSource(nameof(Webchat.Version))]
    [MapperIgnoreSource(nameof(Webchat.DeletedAt))]
    [MapperIgnoreSource(nameof(Webchat.IsDeleted))]
    [MapperIgnoreSource(nameof(Webchat.Settings))]
    [MapProperty(nameof(Webchat.Position), nameof(WebchatDto.Position), Use = nameof(PositionName))]
    public static partial WebchatDto ToDto(this Webchat webchat, string? icon);

    private static string PositionName(WidgetPosition position) => position.ToName();
}

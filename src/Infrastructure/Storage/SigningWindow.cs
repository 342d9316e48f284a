namespace Webchats.Infrastructure.Storage;

/// <summary>
/// Expiry times that keep signed URLs stable: time is cut into windows of half a lifetime, and a
/// URL made in window <c>w</c> expires at the end of window <c>w + 1</c>. So the same key gives
/// the same URL throughout a window (browsers and CDNs can cache it), and every URL handed out is
/// valid for between half and all of the configured lifetime.
/// </summary>
public static class SigningWindow
{
    public static long ExpiryFor(DateTimeOffset now, TimeSpan lifetime)
    {
        var half = Math.Max(1, (long)lifetime.TotalSeconds / 2);
        var window = now.ToUnixTimeSeconds() / half;
        return (window + 2) * half;
    }
}

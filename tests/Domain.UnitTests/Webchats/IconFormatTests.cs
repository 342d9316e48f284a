using Webchats.Domain.Webchats;
using Webchats.Tests.Shared;

namespace Webchats.Domain.UnitTests.Webchats;

/// <summary>
/// The icon readers (issue 18 finding 5): per format a valid file, sizes of 0×0, 65535×65535 and
/// 15000×15000, a ZIP appended after the end marker, and truncated files; each refusal says what is wrong.
/// </summary>
public sealed class IconFormatTests
{
    private static readonly (string Name, IconFormat Format, Func<uint, uint, byte[]?, byte[]> Make)[] Formats =
    [
        ("PNG", IconFormat.Png, (w, h, after) => IconSamples.Png(w, h, after)),
        ("JPEG", IconFormat.Jpeg, (w, h, after) => IconSamples.Jpeg((ushort)w, (ushort)h, after)),
        ("GIF", IconFormat.Gif, (w, h, after) => IconSamples.Gif((ushort)w, (ushort)h, after)),
        ("WebP", IconFormat.WebP, (w, h, after) => IconSamples.WebP(w, h, after)),
        ("ICO", IconFormat.Ico, (w, h, after) => IconSamples.Ico(IconSamples.Png(w, h), after)),
    ];

    private static IEnumerable<TestCaseData> EachFormat() =>
        Formats.Select(f => new TestCaseData(f.Name, f.Format, f.Make).SetArgDisplayNames(f.Name));

    [TestCaseSource(nameof(EachFormat))]
    public void A_valid_file_of_1_and_of_2048_pixels_per_side_is_accepted(string name, IconFormat format, Func<uint, uint, byte[]?, byte[]> make)
    {
        Assert.That(IconFormat.Inspect(make(1, 1, null)), Is.EqualTo(new IconCheck(format, null)), name);
        Assert.That(IconFormat.Inspect(make(2048, 16, null)), Is.EqualTo(new IconCheck(format, null)), name);
        Assert.That(IconFormat.Inspect(make(16, 2048, null)).Format, Is.EqualTo(format), name);
    }

    private static IEnumerable<TestCaseData> BadSizes() =>
        from f in Formats
        from size in new (uint W, uint H)[] { (0, 0), (65535, 65535), (15000, 15000), (2049, 1), (1, 2049) }
        where !(f.Name == "WebP" && size.W == 0) // a WebP header stores size − 1: it cannot say 0
        select new TestCaseData(f.Name, f.Make, size.W, size.H).SetArgDisplayNames(f.Name, $"{size.W}x{size.H}");

    [TestCaseSource(nameof(BadSizes))]
    public void A_size_outside_1_to_2048_per_side_is_refused_with_the_size(string name, Func<uint, uint, byte[]?, byte[]> make, uint width, uint height)
    {
        var check = IconFormat.Inspect(make(width, height, null));

        Assert.That(check.Format, Is.Null);
        var expected = name == "ICO" ? $"holds an invalid image 1: it is a PNG image of {width}×{height} pixels" : $"is a {name} image of {width}×{height} pixels";
        Assert.That(check.Error, Is.EqualTo(expected + "; each side must be 1 to 2048 pixels"));
    }

    [TestCaseSource(nameof(EachFormat))]
    public void A_zip_appended_after_the_end_is_refused(string name, IconFormat format, Func<uint, uint, byte[]?, byte[]> make)
    {
        var check = IconFormat.Inspect(make(1, 1, IconSamples.ZipTail));

        Assert.That(check.Format, Is.Null, name);
        Assert.That(check.Error, Does.StartWith($"has {IconSamples.ZipTail.Length} bytes after the end of its {name} image (").And.EndWith("); nothing may follow it"));
    }

    [TestCaseSource(nameof(EachFormat))]
    public void A_truncated_file_is_refused_at_every_length(string name, IconFormat format, Func<uint, uint, byte[]?, byte[]> make)
    {
        var whole = make(1, 1, null);
        for (var length = 1; length < whole.Length; length++)
        {
            var check = IconFormat.Inspect(whole.AsSpan(0, length));
            Assert.That(check.Format, Is.Null, $"{name} cut to {length} of {whole.Length} bytes");
            Assert.That(check.Error, Is.Not.Empty);
        }
    }

    [Test]
    public void The_gif_javascript_polyglot_is_refused_by_its_size()
    {
        var check = IconFormat.Inspect(IconSamples.GifScriptPolyglot());

        Assert.That(check, Is.EqualTo(new IconCheck(null, "is a GIF image of 10799×1 pixels; each side must be 1 to 2048 pixels")));
    }

    [Test]
    public void Truncation_and_a_missing_end_are_named()
    {
        var png = IconSamples.Png();
        var gif = IconSamples.Gif();
        var jpeg = IconSamples.Jpeg();
        Assert.Multiple(() =>
        {
            Assert.That(IconFormat.Inspect(png.AsSpan(..^12)).Error, Is.EqualTo("is a truncated PNG image: it ends inside a chunk, before IEND"));
            Assert.That(IconFormat.Inspect(gif.AsSpan(..^1)).Error, Is.EqualTo("is a truncated GIF image: it ends before its trailer"));
            Assert.That(IconFormat.Inspect(jpeg.AsSpan(..^2)).Error, Is.EqualTo("is a truncated JPEG image: it ends before its end marker (EOI)"));
        });
    }

    [Test]
    public void An_ico_entry_is_checked_as_a_png_or_a_bitmap_and_must_lie_inside_the_file()
    {
        Assert.Multiple(() =>
        {
            Assert.That(IconFormat.Inspect(IconSamples.Ico(IconSamples.Bitmap(32, 32))).Format, Is.EqualTo(IconFormat.Ico));
            Assert.That(IconFormat.Inspect(IconSamples.Ico(IconSamples.Bitmap(15000, 15000))).Error,
                Is.EqualTo("holds an invalid image 1: it is a bitmap image of 15000×15000 pixels; each side must be 1 to 2048 pixels"));
            Assert.That(IconFormat.Inspect(IconSamples.Ico(IconSamples.Png(16, 16, IconSamples.ZipTail))).Error,
                Does.StartWith("holds an invalid image 1: it has "));
            Assert.That(IconFormat.Inspect(IconSamples.Ico([1, 2, 3, 4])).Error,
                Is.EqualTo("holds an invalid image 1: it is not a valid bitmap image: it is neither a PNG nor has a bitmap header"));
            Assert.That(IconFormat.Inspect(IconSamples.Ico().AsSpan(..^1)).Error, Is.EqualTo("is a truncated ICO image: image 1 lies outside the file"));
        });
    }

    [Test]
    public void Markup_and_unknown_files_keep_their_message()
    {
        Assert.That(IconFormat.Inspect([.. IconSamples.Png(), .. "<script>"u8]).Error, Does.StartWith("must be a PNG, JPEG, WebP, GIF or ICO image"));
        Assert.That(IconFormat.Inspect("just text"u8).Error, Does.StartWith("must be a PNG, JPEG, WebP, GIF or ICO image"));
    }
}

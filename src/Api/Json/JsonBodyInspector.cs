using System.Text.Json;
using System.Text.Unicode;
using Webchats.Domain.Common;

namespace Webchats.Api.Json;

/// <summary>
/// One pass over a request body before it is bound: it must be well-formed JSON, an object at the
/// root, not nested too deeply, and free of duplicate property names (which the serializer would
/// otherwise resolve silently, last one wins). Error messages never echo .NET type names.
/// </summary>
public static class JsonBodyInspector
{
    public const int MaxDepth = 32;

    public static List<FieldError> Inspect(ReadOnlySpan<byte> body)
    {
        // The reader checks UTF-8 only where it decodes; checking the whole body up front keeps
        // an invalid byte from surfacing later as a misleading "wrong type" error.
        if (!Utf8.IsValid(body))
        {
            return [new FieldError("$", "The request body is not valid UTF-8.")];
        }

        var errors = new List<FieldError>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });

        // One frame per open object or array: its path, and for objects the names seen so far.
        var frames = new Stack<(string Path, HashSet<string>? Names, int Index)>();
        string? pendingName = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when frames.Count == 0:
                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            return [new FieldError("$", "The request body must be a JSON object.")];
                        }

                        frames.Push((string.Empty, new HashSet<string>(StringComparer.Ordinal), 0));
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var path = ChildPath(frames, ref pendingName);
                        frames.Push((path, reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null, 0));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        if (frames.Count > 0)
                        {
                            Advance(frames);
                        }

                        break;
                    case JsonTokenType.PropertyName:
                        pendingName = reader.GetString()!;
                        var names = frames.Peek().Names!;
                        if (!names.Add(pendingName))
                        {
                            errors.Add(new FieldError(Join(frames.Peek().Path, pendingName), "is a duplicate property"));
                        }

                        break;
                    default:
                        if (frames.Count == 0)
                        {
                            return [new FieldError("$", "The request body must be a JSON object.")];
                        }

                        pendingName = null;
                        Advance(frames);
                        break;
                }
            }
        }
        catch (JsonException exception)
        {
            return [new FieldError("$", $"The request body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).")];
        }
        catch (InvalidOperationException)
        {
            // A property name with an invalid escape sequence (for example a lone surrogate).
            return [new FieldError("$", "The request body contains a property name that is not valid UTF-16 text.")];
        }

        return errors;
    }

    private static string ChildPath(Stack<(string Path, HashSet<string>? Names, int Index)> frames, ref string? pendingName)
    {
        var parent = frames.Peek();
        var path = parent.Names is null ? $"{parent.Path}[{parent.Index}]" : Join(parent.Path, pendingName!);
        pendingName = null;
        return path;
    }

    private static void Advance(Stack<(string Path, HashSet<string>? Names, int Index)> frames)
    {
        var top = frames.Pop();
        frames.Push(top with { Index = top.Index + 1 });
    }

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";
}

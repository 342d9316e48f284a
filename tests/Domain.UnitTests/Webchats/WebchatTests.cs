using Webchats.Domain.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Domain.UnitTests.Webchats;

/// <summary>The aggregate and its field table with no database: create, update, delete and the changes they record for the history.</summary>
public sealed class WebchatTests
{
    private const string Id = "67d3a0b0c0d0e0f0a0b0c0d0";
    private const string Org = "65a0e0e0e0e0e0e0e0e0e0e0";
    private const string User = "65b1f0a2c3d4e5f6a7b8c9d0";
    private const string OtherUser = "75b1f0a2c3d4e5f6a7b8c9d0";
    private const string PromptId = "65b2a1c3d4e5f6a7b8c9d0e1";
    private const string PipelineId = "66f0a0b0c0d0e0f0a0b0c0d0";
    private static readonly DateTimeOffset Now = new(2026, 5, 18, 14, 0, 0, TimeSpan.Zero);

    private static readonly WebchatSettings Stored = WebchatFields.Defaults with
    {
        Name = "Widget",
        Description = "desc",
        PrimaryColor = Color("#123456"),
        PromptId = PromptId,
        AllowedDomains = OriginList.FromStored(["https://a.example"]),
        PipelineId = PipelineId,
        PipelineStage = "won",
        InitialStage = "new",
        IsAutopilot = true,
    };

    private static WebchatField Field(string propertyName) => WebchatFields.Of(propertyName);

    private static HexColor Color(string text) => HexColor.TryParse(text, out var color) ? color : throw new ArgumentException(text);

    private static object? Parse(string propertyName, object? raw)
    {
        var errors = new List<FieldError>();
        Assert.That(Field(propertyName).TryParse(raw, errors, out var value), Is.True, string.Join("; ", errors));
        return value;
    }

    private static Webchat NewWebchat() => Webchat.Create(Id, Org, User, Stored, Now);

    [Test]
    public void The_defaults_are_those_of_the_contract()
    {
        var defaults = WebchatFields.Defaults;
        Assert.Multiple(() =>
        {
            Assert.That(defaults.BackgroundColor.Value, Is.EqualTo("#FFFFFF"));
            Assert.That(defaults.PrimaryColor.Value, Is.EqualTo("#1F2937"));
            Assert.That(defaults.SecondaryColor.Value, Is.EqualTo("#3B82F6"));
            Assert.That(defaults.HeaderTextColor.Value, Is.EqualTo("#FFFFFF"));
            Assert.That(defaults.StatusTextColor.Value, Is.EqualTo("#D1D5DB"));
            Assert.That(defaults.TimestampColor.Value, Is.EqualTo("#9CA3AF"));
            Assert.That(defaults.CsatBackgroundColor.Value, Is.EqualTo("#F3F4F6"));
            Assert.That(defaults.CsatTextColor.Value, Is.EqualTo("#111827"));
            Assert.That(defaults.AllowedDomains, Is.Empty);
            Assert.That((defaults.IsEnabled, defaults.IsAutopilot), Is.EqualTo((true, false)));
            Assert.That(defaults.Position, Is.EqualTo(WidgetPosition.BottomRight));
            Assert.That((defaults.OffsetX, defaults.OffsetY, defaults.ZIndex), Is.EqualTo((24, 24, 9999)));
            Assert.That((defaults.Description, defaults.IconKey, defaults.PromptId, defaults.PipelineId), Is.EqualTo(((string?)null, (string?)null, (string?)null, (string?)null)));
        });
    }

    [Test]
    public void Every_field_has_a_camel_case_json_name_in_document_order()
    {
        Assert.That(WebchatFields.All.Select(field => field.Name), Is.EqualTo(new[]
        {
            "name", "description", "starterMessage", "backgroundColor", "primaryColor", "secondaryColor", "headerTextColor",
            "statusTextColor", "timestampColor", "csatBackgroundColor", "csatTextColor", "icon", "statusText", "csatThankYouMessage",
            "promptId", "allowedDomains", "pipelineId", "pipelineStage", "initialStage", "isAutopilot", "isEnabled", "position",
            "offsetX", "offsetY", "zIndex",
        }));
        Assert.That(WebchatFields.Public.Select(field => field.Name), Is.EqualTo(new[]
        {
            "name", "starterMessage", "backgroundColor", "primaryColor", "secondaryColor", "headerTextColor", "statusTextColor",
            "timestampColor", "csatBackgroundColor", "csatTextColor", "icon", "statusText", "csatThankYouMessage", "isAutopilot",
            "position", "offsetX", "offsetY", "zIndex",
        }));
    }

    [Test]
    public void Create_stamps_the_caller_and_the_time_in_milliseconds_and_its_revision_records_every_field()
    {
        var webchat = Webchat.Create(Id, Org, User, Stored, Now.AddTicks(12_345_678));

        Assert.That((webchat.CreatedBy, webchat.UpdatedBy, webchat.UserId), Is.EqualTo((User, User, User)));
        Assert.That(webchat.CreatedAt, Is.EqualTo(Now.AddMilliseconds(1234)));
        Assert.That(webchat.UpdatedAt, Is.EqualTo(webchat.CreatedAt));
        var recorded = webchat.PendingChange!;
        Assert.That(recorded.Kind, Is.EqualTo(RevisionKind.Created));
        Assert.That(recorded.Changes.Select(change => change.Field), Is.EqualTo(WebchatFields.All.Select(field => field.Name)));
        Assert.That(recorded.Changes.All(change => change.Old is null), Is.True);
        Assert.That(recorded.Changes.Single(change => change.Field == "primaryColor").New, Is.EqualTo("#123456"));
        Assert.That(recorded.Changes.Single(change => change.Field == "position").New, Is.EqualTo("bottom-right"));
    }

    [TestCase("_id", "not-an-id", Org, User)]
    [TestCase("organizationId", Id, "65A0E0E0E0E0E0E0E0E0E0E0", User)]
    [TestCase("userId", Id, Org, "")]
    public void Create_refuses_malformed_ids(string path, string id, string org, string user)
    {
        var error = Assert.Throws<DomainRuleViolationException>(() => Webchat.Create(id, org, user, Stored, Now))!;
        Assert.That(error.Errors.Select(e => e.Path), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void Create_refuses_settings_that_break_a_cross_field_rule()
    {
        var error = Assert.Throws<DomainRuleViolationException>(() =>
            Webchat.Create(Id, Org, User, Stored with { PromptId = null, PipelineId = null }, Now))!;
        Assert.That(error.Errors.Select(e => (e.Path, e.Message)), Is.EquivalentTo(new[]
        {
            ("pipelineStage", "requires a pipelineId"), ("initialStage", "requires a pipelineId"), ("isAutopilot", "requires a promptId"),
        }));
    }

    [Test]
    public void Update_with_equal_settings_is_a_no_op_that_keeps_updatedAt_and_updatedBy()
    {
        var webchat = NewWebchat();
        var sameName = WebchatFields.Apply(webchat.Settings, [new(Field(nameof(WebchatSettings.Name)), Parse(nameof(WebchatSettings.Name), " Widget "))]);

        var created = webchat.PendingChange;

        var changed = webchat.Update(sameName, OtherUser, Now.AddHours(1));

        Assert.That(changed, Is.Empty);
        Assert.That((webchat.UpdatedAt, webchat.UpdatedBy), Is.EqualTo((Now, User)));
        Assert.That(webchat.PendingChange, Is.SameAs(created), "a no-op records nothing, so no revision is written");
    }

    private static IEnumerable<TestCaseData> OneValuePerField()
    {
        yield return new TestCaseData(nameof(WebchatSettings.Name), "  New name ", "Widget", "New name");
        yield return new TestCaseData(nameof(WebchatSettings.Description), null, "desc", null);
        yield return new TestCaseData(nameof(WebchatSettings.StarterMessage), "Hi!\nHow can we help?", null, "Hi!\nHow can we help?");
        foreach (var color in WebchatFields.All.Where(field => field.ValueType == typeof(HexColor)))
        {
            yield return new TestCaseData(color.PropertyName, "#abc", WebchatField.ToRaw(color.Get(Stored)), "#AABBCC");
        }

        yield return new TestCaseData(nameof(WebchatSettings.IconKey), $"orgs/{Org}/webchats/{Id}/icon-0123.png", null, $"orgs/{Org}/webchats/{Id}/icon-0123.png");
        yield return new TestCaseData(nameof(WebchatSettings.StatusText), "Online", null, "Online");
        yield return new TestCaseData(nameof(WebchatSettings.CsatThankYouMessage), "Thanks", null, "Thanks");
        yield return new TestCaseData(nameof(WebchatSettings.PromptId), "75b2a1c3d4e5f6a7b8c9d0e1", PromptId, "75b2a1c3d4e5f6a7b8c9d0e1");
        yield return new TestCaseData(nameof(WebchatSettings.PipelineStage), "new", "won", "new");
        yield return new TestCaseData(nameof(WebchatSettings.InitialStage), "won", "new", "won");
        yield return new TestCaseData(nameof(WebchatSettings.IsAutopilot), false, true, false);
        yield return new TestCaseData(nameof(WebchatSettings.IsEnabled), false, true, false);
        yield return new TestCaseData(nameof(WebchatSettings.Position), "bottom-left", "bottom-right", "bottom-left");
        yield return new TestCaseData(nameof(WebchatSettings.OffsetX), 0, 24, 0);
        yield return new TestCaseData(nameof(WebchatSettings.OffsetY), 500, 24, 500);
        yield return new TestCaseData(nameof(WebchatSettings.ZIndex), int.MaxValue, 9999, int.MaxValue);
    }

    [TestCaseSource(nameof(OneValuePerField))]
    public void Update_of_one_field_changes_it_alone_and_records_old_and_new_values(string propertyName, object? raw, object? old, object? shown)
    {
        var webchat = NewWebchat();
        var field = Field(propertyName);
        var next = WebchatFields.Apply(webchat.Settings, [new(field, Parse(propertyName, raw))]);

        var changed = webchat.Update(next, OtherUser, Now.AddTicks(12_345_678));

        Assert.That(changed, Is.EqualTo(new[] { new FieldChange(field.Name, old, shown) }));
        Assert.That(WebchatField.ToRaw(field.Get(webchat.Settings)), Is.EqualTo(shown));
        Assert.That((webchat.UpdatedBy, webchat.UpdatedAt), Is.EqualTo((OtherUser, Now.AddMilliseconds(1234))));
        Assert.That(webchat.PendingChange, Is.EqualTo(new RecordedChange(RevisionKind.Updated, changed)));
    }

    [Test]
    public void Update_of_allowed_domains_records_the_normalised_list()
    {
        var webchat = NewWebchat();
        var next = WebchatFields.Apply(webchat.Settings, [new(Field(nameof(WebchatSettings.AllowedDomains)), Parse(nameof(WebchatSettings.AllowedDomains), new List<string?> { "https://B.example/", "https://b.example" }))]);

        var changed = webchat.Update(next, User, Now);

        Assert.That(changed.Single().Field, Is.EqualTo("allowedDomains"));
        Assert.That(changed.Single().New, Is.EqualTo(new[] { "https://b.example" }));
        Assert.That(webchat.Settings.AllowedDomains, Is.EqualTo(new[] { "https://b.example" }));
    }

    [Test]
    public void Clearing_the_pipeline_clears_its_stages_and_a_stage_sent_with_it_breaks_its_rule()
    {
        var pipeline = Field(nameof(WebchatSettings.PipelineId));
        var cleared = WebchatFields.Apply(Stored, [new(pipeline, null)]);
        Assert.That((cleared.PipelineId, cleared.PipelineStage, cleared.InitialStage), Is.EqualTo(((string?)null, (string?)null, (string?)null)));

        var withStage = WebchatFields.Apply(Stored, [new(Field(nameof(WebchatSettings.InitialStage)), "won"), new(pipeline, null)]);
        Assert.That(WebchatFields.CrossFieldErrors(withStage).Select(e => e.Path), Is.EqualTo(new[] { "initialStage" }));
    }

    [Test]
    public void Cross_field_rules_apply_to_the_resulting_settings()
    {
        var withoutPrompt = WebchatFields.Apply(Stored, [new(Field(nameof(WebchatSettings.PromptId)), null)]);
        Assert.That(WebchatFields.CrossFieldErrors(withoutPrompt).Select(e => e.Path), Is.EqualTo(new[] { "isAutopilot" }));
        Assert.That(WebchatFields.CrossFieldErrors(Stored with { IsAutopilot = true }), Is.Empty, "autopilot alone is fine with a stored prompt");

        var webchat = NewWebchat();
        Assert.Throws<DomainRuleViolationException>(() => webchat.Update(withoutPrompt, User, Now.AddHours(1)));
        Assert.That(webchat.Settings, Is.EqualTo(Stored), "a refused update changes nothing");
    }

    [Test]
    public void Delete_is_soft_stamps_the_caller_and_refuses_every_later_change()
    {
        var webchat = NewWebchat();

        webchat.Delete(OtherUser, Now.AddMinutes(1));

        Assert.That((webchat.IsDeleted, webchat.DeletedAt, webchat.UpdatedAt, webchat.UpdatedBy), Is.EqualTo((true, (DateTimeOffset?)Now.AddMinutes(1), Now.AddMinutes(1), OtherUser)));
        Assert.That(webchat.PendingChange!.Kind, Is.EqualTo(RevisionKind.Deleted));
        Assert.That(webchat.PendingChange.Changes, Is.EqualTo(new[] { new FieldChange("deletedAt", null, Now.AddMinutes(1)) }));
        Assert.Throws<DomainRuleViolationException>(() => webchat.Delete(User, Now.AddMinutes(2)));
        Assert.Throws<DomainRuleViolationException>(() => webchat.Update(Stored with { Name = "Again" }, User, Now.AddMinutes(2)));
    }

    [Test]
    public void Delete_lets_go_of_the_icon_and_records_it()
    {
        var webchat = Webchat.Create(Id, Org, User, Stored with { IconKey = "orgs/k/icon.png" }, Now);

        webchat.Delete(User, Now.AddMinutes(1));

        Assert.That(webchat.Settings.IconKey, Is.Null);
        Assert.That(webchat.PendingChange!.Changes.Select(c => (c.Field, c.New)), Is.EqualTo(new[] { ("deletedAt", (object?)Now.AddMinutes(1)), ("icon", null) }));
    }

    [Test]
    public void The_version_starts_at_one_and_counts_each_change_but_no_no_op()
    {
        var webchat = NewWebchat();
        Assert.That(webchat.Version, Is.EqualTo(1));

        webchat.Update(webchat.Settings with { OffsetX = 7 }, User, Now.AddMinutes(1));
        webchat.Update(webchat.Settings with { OffsetX = 7 }, User, Now.AddMinutes(2));
        Assert.That(webchat.Version, Is.EqualTo(2), "a no-op keeps the version");

        webchat.Delete(User, Now.AddMinutes(3));
        Assert.That(webchat.Version, Is.EqualTo(3));
    }

    [TestCase(nameof(WebchatSettings.Name), null, "must not be null")]
    [TestCase(nameof(WebchatSettings.Name), "   ", "must not be empty")]
    [TestCase(nameof(WebchatSettings.OffsetX), 501, "must be between 0 and 500")]
    [TestCase(nameof(WebchatSettings.IsEnabled), null, "must not be null")]
    [TestCase(nameof(WebchatSettings.Position), "top", "must be 'bottom-right' or 'bottom-left'")]
    [TestCase(nameof(WebchatSettings.PrimaryColor), "red", "must be a colour in the form #RGB, #RRGGBB or #RRGGBBAA")]
    [TestCase(nameof(WebchatSettings.PromptId), "ABC", "must be a 24-character lowercase hexadecimal id")]
    public void A_value_that_breaks_its_rule_is_refused_with_the_reason(string propertyName, object? raw, string message)
    {
        var errors = new List<FieldError>();

        Assert.That(Field(propertyName).TryParse(raw, errors, out _), Is.False);
        Assert.That(errors.Single(), Is.EqualTo(new FieldError(Field(propertyName).Name, message)));
    }

    [Test]
    public void Null_clears_text_and_resets_a_colour_to_its_default()
    {
        Assert.That(Parse(nameof(WebchatSettings.Description), "   "), Is.Null);
        Assert.That(Parse(nameof(WebchatSettings.CsatTextColor), null), Is.EqualTo(WebchatFields.Defaults.CsatTextColor));
    }
}

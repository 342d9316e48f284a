using Webchats.Application.Common.Models;
using Webchats.Application.Webchats.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Application.UnitTests.Webchats;

/// <summary>The patch logic with no database: absent, null and values, field by field.</summary>
public sealed class WebchatPatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 18, 14, 0, 0, TimeSpan.Zero);
    private const string Org = "65a0e0e0e0e0e0e0e0e0e0e0";
    private const string User = "65b1f0a2c3d4e5f6a7b8c9d0";
    private const string OtherUser = "75b1f0a2c3d4e5f6a7b8c9d0";

    private static readonly WebchatSettings Stored = new()
    {
        Name = "Widget",
        Description = "desc",
        PrimaryColor = "#123456",
        PromptId = "65b2a1c3d4e5f6a7b8c9d0e1",
        AllowedDomains = ["https://a.example"],
        PipelineId = "66f0a0b0c0d0e0f0a0b0c0d0",
        PipelineStage = "won",
        InitialStage = "new",
        IsAutopilot = true,
    };

    [Test]
    public void An_empty_patch_changes_nothing()
    {
        Assert.That(WebchatPatchFields.Validate(new WebchatPatch()), Is.Empty);
        Assert.That(WebchatPatchFields.Apply(new WebchatPatch(), Stored), Is.EqualTo(Stored));
    }

    [Test]
    public void A_present_value_is_normalised_and_set_while_absent_fields_stay()
    {
        var result = WebchatPatchFields.Apply(new WebchatPatch { Name = Optional.Of<string?>("  New  "), PrimaryColor = Optional.Of<string?>("#abc") }, Stored);

        Assert.That(result, Is.EqualTo(Stored with { Name = "New", PrimaryColor = "#AABBCC" }));
    }

    [Test]
    public void Null_clears_text_resets_colours_and_clearing_the_pipeline_clears_stages()
    {
        var result = WebchatPatchFields.Apply(new WebchatPatch
        {
            Description = Optional.Of<string?>(null),
            PrimaryColor = Optional.Of<string?>(" "),
            PipelineId = Optional.Of<string?>(null),
        }, Stored);

        Assert.That(result, Is.EqualTo(Stored with
        {
            Description = null,
            PrimaryColor = WebchatDefaults.PrimaryColor,
            PipelineId = null,
            PipelineStage = null,
            InitialStage = null,
        }));
    }

    [Test]
    public void Null_for_a_required_field_and_a_wrong_json_type_are_reported_per_field()
    {
        var errors = WebchatPatchFields.Validate(new WebchatPatch
        {
            Name = Optional.Of<string?>(null),
            IsEnabled = Optional.WrongType<bool?>(),
            OffsetX = Optional.WrongType<int?>(),
            AllowedDomains = Optional.Of<IReadOnlyList<string?>?>(["https://ok.example", "http://bad.example"]),
        });

        Assert.That(errors.Select(e => (e.Path, e.Message)), Is.EquivalentTo(new[]
        {
            ("name", "must not be null"),
            ("isEnabled", "must be a boolean"),
            ("offsetX", "must be an integer between 0 and 500"),
            ("allowedDomains[1]", errors.Single(e => e.Path == "allowedDomains[1]").Message),
        }));
    }

    [Test]
    public void Cross_field_rules_apply_to_the_resulting_settings()
    {
        var withoutPrompt = WebchatPatchFields.Apply(new WebchatPatch { PromptId = Optional.Of<string?>(null) }, Stored);
        Assert.That(withoutPrompt.CrossFieldErrors().Select(e => e.Path), Is.EqualTo(new[] { "isAutopilot" }));

        var autopilotOnly = WebchatPatchFields.Apply(new WebchatPatch { IsAutopilot = Optional.Of<bool?>(true) }, Stored);
        Assert.That(autopilotOnly.CrossFieldErrors(), Is.Empty);
    }

    [Test]
    public void Update_with_equal_settings_is_a_no_op_that_keeps_updatedAt_and_updatedBy()
    {
        var webchat = Webchat.Create("67d3a0b0c0d0e0f0a0b0c0d0", Org, User, Stored, Now);

        var changed = webchat.Update(WebchatPatchFields.Apply(new WebchatPatch { Name = Optional.Of<string?>(" Widget ") }, webchat.Settings), OtherUser, Now.AddHours(1));

        Assert.That(changed, Is.Empty);
        Assert.That(webchat.UpdatedAt, Is.EqualTo(Now));
        Assert.That(webchat.UpdatedBy, Is.EqualTo(User));
    }

    [Test]
    public void Update_reports_the_changed_fields_and_stamps_the_caller_and_time_in_milliseconds()
    {
        var webchat = Webchat.Create("67d3a0b0c0d0e0f0a0b0c0d0", Org, User, Stored, Now);
        var next = WebchatPatchFields.Apply(new WebchatPatch
        {
            OffsetX = Optional.Of<int?>(10),
            AllowedDomains = Optional.Of<IReadOnlyList<string?>?>(["https://b.example"]),
        }, webchat.Settings);

        var changed = webchat.Update(next, OtherUser, Now.AddTicks(12_345_678));

        Assert.That(changed.Select(c => c.Field), Is.EqualTo(new[] { "allowedDomains", "offsetX" }));
        Assert.That(changed[1], Is.EqualTo(new FieldChange("offsetX", 24, 10)));
        Assert.That(webchat.UpdatedBy, Is.EqualTo(OtherUser));
        Assert.That(webchat.UpdatedAt, Is.EqualTo(Now.AddMilliseconds(1234)));
        Assert.That(webchat.AllowedDomains, Is.EqualTo(new[] { "https://b.example" }));
    }

    [Test]
    public void The_aggregate_refuses_settings_that_break_an_invariant()
    {
        var webchat = Webchat.Create("67d3a0b0c0d0e0f0a0b0c0d0", Org, User, Stored, Now);

        Assert.Throws<Domain.Common.DomainRuleViolationException>(() => webchat.Update(Stored with { PromptId = null }, User, Now));
        Assert.Throws<Domain.Common.DomainRuleViolationException>(() => webchat.Update(Stored with { PrimaryColor = "#abc" }, User, Now));
        Assert.Throws<Domain.Common.DomainRuleViolationException>(() => webchat.Update(Stored with { OffsetX = 501 }, User, Now));
        Assert.That(webchat.Settings, Is.EqualTo(Stored with { AllowedDomains = webchat.Settings.AllowedDomains }));
    }

    [Test]
    public void Read_only_fields_are_accepted_only_when_equal_to_the_stored_ones()
    {
        var webchat = Webchat.Create("67d3a0b0c0d0e0f0a0b0c0d0", Org, User, Stored, Now);
        var same = new WebchatPatch
        {
            Id = Optional.Of<string?>("67d3a0b0c0d0e0f0a0b0c0d0"),
            CreatedAt = Optional.Of<string?>("2026-05-18T14:00:00.000Z"),
        };
        var different = same with { OrganizationId = Optional.Of<string?>("75a0e0e0e0e0e0e0e0e0e0e0") };

        Assert.That(WebchatPatchFields.ReadOnlyErrors(same, webchat), Is.Empty);
        Assert.That(WebchatPatchFields.ReadOnlyErrors(different, webchat).Select(e => e.Path), Is.EqualTo(new[] { "organizationId" }));
        Assert.That(WebchatPatchFields.ReadOnlyErrors(same, stored: null).Select(e => e.Path), Is.EqualTo(new[] { "_id", "createdAt" }));
    }
}

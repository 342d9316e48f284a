using FluentValidation;
using Webchats.Domain.Common;

namespace Webchats.Application.Common.Validation;

public static class IdRules
{
    public static IRuleBuilderOptions<T, string> MustBeObjectId<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(ObjectIds.IsValid).WithMessage("must be a 24-character lowercase hexadecimal id");
}

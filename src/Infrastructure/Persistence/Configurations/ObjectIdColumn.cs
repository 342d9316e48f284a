using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Webchats.Infrastructure.Persistence.Configurations;

internal static class ObjectIdColumn
{
    /// <summary>
    /// Ids are <c>varchar(24)</c>, the type EF Core sends its string parameters as: a <c>char(24)</c>
    /// column would make PostgreSQL cast the column and skip the index (see engineering notes).
    /// </summary>
    public static PropertyBuilder<T> IsObjectId<T>(this PropertyBuilder<T> property) =>
        property.HasMaxLength(24).IsFixedLength(false);

    public static string CheckSql(string column) => $"{column} ~ '^[0-9a-f]{{24}}$'";
}

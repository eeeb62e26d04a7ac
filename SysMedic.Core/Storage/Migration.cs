namespace SysMedic.Core.Storage;

/// <summary>One schema step: the SQL that takes a database from <c>Version - 1</c> to <see cref="Version"/>.</summary>
public sealed record Migration(int Version, string Description, string Sql);

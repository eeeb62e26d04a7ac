namespace SysMedic.Core.Storage;

/// <summary>The size and content of the database: file and WAL size (bytes), pages, schema version, per-table rows.</summary>
public sealed record DatabaseStats(
    string Path,
    long FileSizeBytes,
    long WalSizeBytes,
    int SchemaVersion,
    long PageSizeBytes,
    long PageCount,
    long FreePages,
    IReadOnlyList<TableStats> Tables);

namespace SysMedic.Core.Storage;

/// <summary>A finished backup: where it is, its size in bytes, and the verdict of <c>PRAGMA integrity_check</c> on the copy ("ok").</summary>
public sealed record BackupResult(string Path, long SizeBytes, string IntegrityCheck);

namespace SysMedic.Core.Storage;

/// <summary>
/// The database's schema version cannot be used: it is newer than this build understands (never downgraded), or
/// a read-only open found an older one that needs upgrading first.
/// </summary>
public sealed class StorageSchemaException : StorageException
{
    public StorageSchemaException()
    {
    }

    public StorageSchemaException(string message)
        : base(StorageFailureKind.Other, message)
    {
    }

    public StorageSchemaException(string message, Exception innerException)
        : base(StorageFailureKind.Other, message, innerException)
    {
    }
}

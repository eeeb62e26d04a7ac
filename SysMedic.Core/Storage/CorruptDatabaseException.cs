namespace SysMedic.Core.Storage;

/// <summary>The file failed <c>PRAGMA quick_check</c> or is not a database at all.</summary>
public sealed class CorruptDatabaseException : StorageException
{
    public CorruptDatabaseException()
    {
    }

    public CorruptDatabaseException(string message)
        : base(StorageFailureKind.Corrupt, message)
    {
    }

    public CorruptDatabaseException(string message, Exception innerException)
        : base(StorageFailureKind.Corrupt, message, innerException)
    {
    }
}

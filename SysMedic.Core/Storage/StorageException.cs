namespace SysMedic.Core.Storage;

/// <summary>A storage operation failed; <see cref="Kind"/> says why (disk full, read-only, busy, corrupt, I/O).</summary>
public class StorageException : Exception
{
    public StorageException()
    {
    }

    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageException(StorageFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>The class of failure, for deciding whether to retry and what to tell the operator.</summary>
    public StorageFailureKind Kind { get; }
}

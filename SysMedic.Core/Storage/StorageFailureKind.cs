namespace SysMedic.Core.Storage;

/// <summary>Why a storage operation failed, as far as SQLite tells.</summary>
public enum StorageFailureKind
{
    /// <summary>Anything not listed below.</summary>
    Other,

    /// <summary>The disk (or the database's size limit) is full: SQLITE_FULL.</summary>
    DiskFull,

    /// <summary>The file, its directory or the connection is read-only: SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM.</summary>
    ReadOnly,

    /// <summary>Another process held the lock longer than the busy timeout: SQLITE_BUSY, SQLITE_LOCKED.</summary>
    Busy,

    /// <summary>The file is not a database or its pages are damaged: SQLITE_CORRUPT, SQLITE_NOTADB.</summary>
    Corrupt,

    /// <summary>An I/O error below SQLite: SQLITE_IOERR.</summary>
    IoError,
}

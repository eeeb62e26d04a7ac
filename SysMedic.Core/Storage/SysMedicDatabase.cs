using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SysMedic.Core.Storage;

/// <summary>
/// The SysMedic history database: one open connection with the schema at <see cref="Migrations.Latest"/>. Not
/// thread-safe: each thread opens its own (WAL lets readers run while the agent writes).
/// </summary>
public sealed partial class SysMedicDatabase : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly StoreConnection _stores;
    private MetricsWriter? _metrics;

    private SysMedicDatabase(SqliteConnection connection, string path, int version, TimeProvider time)
    {
        _connection = connection;
        Path = path;
        SchemaVersion = version;
        Time = time;
        _stores = new StoreConnection(connection);
        History = new HistoryQueries(connection);
        Alerts = new AlertStore(_stores, time);
        PersistentUsers = new PersistentUserStore(_stores);
        Outbox = new OutboxStore(_stores, time);
        AlertConditions = new AlertConditionStore(_stores);
        Moments = new MomentStore(_stores, InTransaction);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The schema version of the open file.</summary>
    public int SchemaVersion { get; }

    /// <summary>Where a corrupt file found at open was moved, or null when none was.</summary>
    public string? QuarantinedTo { get; private set; }

    /// <summary>Writes one check (system row and all user rows) per transaction.</summary>
    public MetricsWriter Metrics => _metrics ??= new MetricsWriter(_connection);

    /// <summary>Downsampled chart queries and top users.</summary>
    public HistoryQueries History { get; }

    /// <summary>Alerts: insert, list, show, resolve.</summary>
    public AlertStore Alerts { get; }

    /// <summary>Persistent-user episodes.</summary>
    public PersistentUserStore PersistentUsers { get; }

    /// <summary>Alert deliveries waiting to be sent, with retry back-off.</summary>
    public OutboxStore Outbox { get; }

    /// <summary>The alert engine's conditions, so a restart neither raises them again nor loses their recovery.</summary>
    public AlertConditionStore AlertConditions { get; }

    /// <summary>What each check saw (the processes that explain it), to show any past moment again.</summary>
    public MomentStore Moments { get; }

    /// <summary>Retention, statistics and backup.</summary>
    public DatabaseMaintenance Maintenance => new(this);

    internal SqliteConnection Connection => _connection;

    internal TimeProvider Time { get; }

    /// <summary>
    /// Opens (creating and upgrading unless read-only) the database at <paramref name="path"/>. A corrupt file is
    /// moved aside and replaced when <see cref="StorageOptions.QuarantineCorrupt"/>; otherwise it throws
    /// <see cref="CorruptDatabaseException"/>. A newer schema throws <see cref="StorageSchemaException"/>; other
    /// failures (read-only directory, disk full) throw <see cref="StorageException"/>.
    /// </summary>
    public static SysMedicDatabase Open(string path, TimeProvider time, ILogger logger, StorageOptions? options = null)
    {
        options ??= StorageOptions.Agent;
        if (options.ReadOnly && !File.Exists(path))
        {
            throw new StorageException(StorageFailureKind.Other, $"no database at {path}");
        }

        if (!options.ReadOnly)
        {
            EnsureDirectory(path);
        }

        try
        {
            return OpenChecked(path, options, time, logger);
        }
        catch (CorruptDatabaseException ex) when (options.QuarantineCorrupt && !options.ReadOnly)
        {
            string movedTo = CorruptDatabaseQuarantine.MoveAside(path, ex.Message, time, logger);
            SysMedicDatabase fresh = OpenChecked(path, options, time, logger);
            fresh.QuarantinedTo = movedTo;
            return fresh;
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> (calls to <see cref="Alerts"/>, <see cref="Outbox"/>, <see cref="AlertConditions"/>
    /// and <see cref="PersistentUsers"/>) as one transaction: all of it is stored, or, when it throws, none of it.
    /// </summary>
    public void InTransaction(Action write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (_stores.Transaction is not null)
        {
            write();
            return;
        }

        SqliteTransaction transaction = SqliteErrors.Guard("starting a transaction", () => _connection.BeginTransaction());
        _stores.Transaction = transaction;
        try
        {
            write();
            SqliteErrors.Guard("committing", () =>
            {
                transaction.Commit();
                return 0;
            });
        }
        finally
        {
            _stores.Transaction = null;
            transaction.Dispose();
        }
    }

    public void Dispose()
    {
        _metrics?.Dispose();
        _connection.Dispose();
    }

    private static void EnsureDirectory(string path)
    {
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        try
        {
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageFailureKind.ReadOnly, $"cannot create the directory {directory}: {ex.Message}", ex);
        }
    }

    private static SysMedicDatabase OpenChecked(string path, StorageOptions options, TimeProvider time, ILogger logger)
    {
        if (!options.ReadOnly)
        {
            PrivateFile.PrepareDatabase(path);
        }

        var connection = new SqliteConnection(ConnectionString(path, options.ReadOnly));
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = " + ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            if (options.QuickCheck)
            {
                QuickCheck(connection, path);
            }

            int version = options.ReadOnly ? CheckReadOnlyVersion(connection, path) : Configure(connection, path, logger);
            return new SysMedicDatabase(connection, path, version, time);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            if (SqliteErrors.KindOf(ex) == StorageFailureKind.Corrupt)
            {
                throw new CorruptDatabaseException($"{path}: {ex.Message}", ex);
            }

            throw SqliteErrors.Wrap($"opening {path}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    internal static string ConnectionString(string path, bool readOnly) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,

        // A pooled handle would keep the file open after Dispose, which breaks quarantine renames and tests.
        Pooling = false,
    }.ToString();
}

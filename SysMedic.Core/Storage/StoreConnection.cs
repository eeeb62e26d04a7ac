using Microsoft.Data.Sqlite;

namespace SysMedic.Core.Storage;

/// <summary>
/// The database's connection as the stores share it: commands made here join the transaction
/// <see cref="SysMedicDatabase.InTransaction"/> has open, so writes to several tables commit together or not at all.
/// </summary>
internal sealed class StoreConnection(SqliteConnection connection)
{
    /// <summary>The transaction in progress, or null.</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>A command for <paramref name="sql"/> in the transaction in progress, if any.</summary>
    public SqliteCommand Command(string sql)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }
}

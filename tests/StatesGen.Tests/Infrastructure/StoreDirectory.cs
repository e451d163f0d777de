using StatesGen.Sqlite;

namespace StatesGen.Tests.Infrastructure;

/// <summary>A temporary folder with one SQLite store file, deleted (with the connection pools cleared) on dispose.</summary>
public sealed class StoreDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("statesgen-store-").FullName;

    /// <summary>A store on the folder's file (every call opens the same file, as another process would).</summary>
    public SqliteExecutionStore Open(TimeProvider? time = null)
    {
        var connection = $"Data Source={System.IO.Path.Combine(Path, "store.db")}";
        return time == null ? new SqliteExecutionStore(connection) : new SqliteExecutionStore(connection, time);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

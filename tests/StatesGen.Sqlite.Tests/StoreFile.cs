using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using StatesGen.Durability;

namespace StatesGen.Sqlite.Tests;

/// <summary>A store file in a fresh temporary folder, deleted afterwards, with helpers to open it and to reach under the store.</summary>
public sealed class StoreFile : IDisposable
{
    public const string Machine = "arn:aws:states:local:000000000000:stateMachine:Orders";

    private readonly string _folder = Directory.CreateTempSubdirectory("statesgen-sqlite-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "store.db");

    public string ConnectionString => "Data Source=" + Path;

    public SqliteExecutionStore Open(TimeProvider? time = null) => new(ConnectionString, time ?? TimeProvider.System);

    /// <summary>A connection of its own (not pooled), for changing the file behind the store's back.</summary>
    public SqliteConnection Raw()
    {
        var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        connection.Open();
        return connection;
    }

    public void Execute(string sql)
    {
        using var connection = Raw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public object? Scalar(string sql)
    {
        using var connection = Raw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

public static class StoreExtensions
{
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(30);

    /// <summary>Creates a running execution and takes its lease: what a run holds before it records anything.</summary>
    public static async Task<(ExecutionRecord Execution, ExecutionLease Lease)> StartAsync(this SqliteExecutionStore store, string name = "order-1",
        JsonNode? input = null, string owner = "runner-1", DateTimeOffset? start = null)
    {
        var execution = await store.CreateExecutionAsync(StoreFile.Machine, name, input ?? new JsonObject { ["orderId"] = 1 }, "hash-1",
            start ?? DateTimeOffset.UtcNow);
        var lease = await store.AcquireLeaseAsync(execution.Id, owner, LeaseTime, TimeSpan.Zero);
        return (execution, lease ?? throw new InvalidOperationException("The lease of a new execution was taken."));
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using StatesGen.Sqlite;

namespace StatesGen.Sqlite.Tests;

/// <summary>
/// The child process of the cross-process tests: this test assembly run again with <c>dotnet exec</c> and a mode.
/// The test host never calls Main. Each mode prints one line per step so the parent can follow and time it.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            switch (args[0])
            {
                case "answer": // answer <file> <token> <json>: SendTaskSuccess from a process that runs nothing
                {
                    using var store = new SqliteExecutionStore("Data Source=" + args[1]);
                    await store.SendTaskSuccessAsync(args[2], JsonNode.Parse(args[3]));
                    Console.WriteLine("sent " + DateTimeOffset.UtcNow.UtcTicks.ToString(CultureInfo.InvariantCulture));
                    return 0;
                }
                case "lease": // lease <file> <execution id> <owner> <lease ms>: race for the lease, hold it, or wait to take it over
                {
                    using var store = new SqliteExecutionStore("Data Source=" + args[1]);
                    long id = long.Parse(args[2], CultureInfo.InvariantCulture);
                    var duration = TimeSpan.FromMilliseconds(int.Parse(args[4], CultureInfo.InvariantCulture));
                    var lease = await store.AcquireLeaseAsync(id, args[3], duration, TimeSpan.Zero);
                    if (lease is not null)
                    {
                        Console.WriteLine("won " + lease.Generation.ToString(CultureInfo.InvariantCulture));
                        // Renewed well before expiry until the parent kills this process.
                        while (true)
                        {
                            await Task.Delay(duration / 6);
                            lease = await store.RenewLeaseAsync(lease);
                        }
                    }
                    Console.WriteLine("lost");
                    lease = await store.AcquireLeaseAsync(id, args[3], duration, Timeout.InfiniteTimeSpan);
                    Console.WriteLine("took-over " + DateTimeOffset.UtcNow.UtcTicks.ToString(CultureInfo.InvariantCulture) + " "
                        + lease!.Generation.ToString(CultureInfo.InvariantCulture));
                    return 0;
                }
                default:
                    Console.Error.WriteLine("unknown mode " + args[0]);
                    return 2;
            }
        }
        catch (Exception e)
        {
            Console.WriteLine("error " + e.GetType().Name + ": " + e.Message);
            return 1;
        }
    }
}

using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace StatesGen
{
    /// <summary>
    /// Runs one Task state: receives the effective input (after InputPath and Parameters) and returns the task's
    /// result, before ResultSelector, ResultPath and OutputPath. Throw <see cref="StatesException"/> to fail the
    /// state with a given error name; any other exception fails it with the exception type's short name.
    /// </summary>
    public delegate ValueTask<JsonNode?> TaskHandler(TaskInvocation invocation, CancellationToken cancellationToken);
}

using System;
using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// The typed handlers of one machine instance (its generated ITasks): one delegate per Task state, bound once when the
    /// machine is constructed. A Task state passes its index to <see cref="Execution.InvokeTaskAsync"/> and the execution
    /// calls that state's delegate directly, instead of matching the state's name on every call.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class BoundTasks
    {
        private readonly string _machineName;
        private readonly string[] _stateNames;
        private readonly TaskHandler[] _handlers;
        private readonly object? _tasks;

        private BoundTasks(string machineName, string[] stateNames, TaskHandler[] handlers, object? tasks)
        {
            _tasks = tasks;
            if (stateNames.Length != handlers.Length) throw new ArgumentException("One handler per Task state name.", nameof(handlers));
            _machineName = machineName;
            _stateNames = stateNames;
            _handlers = handlers;
        }

        /// <summary>
        /// The handler the machine keeps. The execution finds the bound handlers behind it; called as a plain
        /// <see cref="TaskHandler"/> (without a state index) it finds the state's handler by name.
        /// </summary>
        /// <param name="machineName">The class name, for the error of an unknown state.</param>
        /// <param name="stateNames">The Task states, in the order of their indexes.</param>
        /// <param name="handlers">Each Task state's handler, at the state's index.</param>
        /// <param name="tasks">The object that implements the machine's ITasks: a nested execution of another machine of
        /// the project uses it for its own Task states when it implements that machine's ITasks too.</param>
        public static TaskHandler Create(string machineName, string[] stateNames, TaskHandler[] handlers, object? tasks = null)
            => new BoundTasks(machineName, stateNames, handlers, tasks).InvokeByName;

        /// <summary>The object behind a handler made by <see cref="Create"/> from typed handlers; null for any other handler.</summary>
        public static object? TasksOf(TaskHandler handler) => (handler.Target as BoundTasks)?._tasks;

        /// <summary>The bound handlers behind a handler made by <see cref="Create"/>; null for any other handler.</summary>
        internal static TaskHandler[]? Of(TaskHandler handler) => (handler.Target as BoundTasks)?._handlers;

        private ValueTask<JsonNode?> InvokeByName(TaskInvocation invocation, CancellationToken cancellationToken)
        {
            int index = Array.IndexOf(_stateNames, invocation.StateName);
            if (index < 0)
                throw new StatesException(StatesErrors.Runtime, "No Task state named '" + invocation.StateName + "' in " + _machineName + "."
                    + (_tasks == null ? "" : " A state machine started by a nested execution uses the parent's typed handlers only when the same object implements its ITasks too."));
            return _handlers[index](invocation, cancellationToken);
        }
    }
}

using System;
using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// A generated state machine as the other definitions of its project start it (<c>states:startExecution</c> Tasks,
    /// nested executions): its facts, the names an ARN may call it by, its main block, and how it takes the parent's
    /// handler. Used by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class LinkedMachine
    {
        /// <summary>Creates the link of one generated class.</summary>
        /// <param name="machine">The class's facts.</param>
        /// <param name="names">The state machine names an ARN's name part may use for it: its file name without
        /// <c>.asl.json</c>, and its <c>StatesGenStateMachineName</c> item metadata.</param>
        /// <param name="main">Runs its main block.</param>
        /// <param name="handlerFor">The handler its Task states use, given the parent's: the parent's typed handlers when
        /// they implement this machine's <c>ITasks</c> too, otherwise the parent's handler itself.</param>
        public LinkedMachine(MachineInfo machine, string[] names, Func<JsonNode?, Execution, ValueTask<JsonNode?>> main, Func<TaskHandler, TaskHandler> handlerFor)
        {
            Machine = machine ?? throw new ArgumentNullException(nameof(machine));
            Names = names ?? throw new ArgumentNullException(nameof(names));
            Main = main ?? throw new ArgumentNullException(nameof(main));
            HandlerFor = handlerFor ?? throw new ArgumentNullException(nameof(handlerFor));
        }

        internal MachineInfo Machine { get; }

        internal string[] Names { get; }

        internal Func<JsonNode?, Execution, ValueTask<JsonNode?>> Main { get; }

        internal Func<TaskHandler, TaskHandler> HandlerFor { get; }

        /// <summary>The first of <paramref name="links"/> that answers to <paramref name="name"/>, or null.</summary>
        internal static LinkedMachine? Find(LinkedMachine[] links, string name)
        {
            foreach (var link in links)
                if (Array.IndexOf(link.Names, name) >= 0) return link;
            return null;
        }
    }

    /// <summary>
    /// What a generated machine's nested executions can reach: the project's machines it may start in-process, and the
    /// accounts and regions (<c>arn:aws:states:REGION:ACCOUNT</c>) under which the project's definitions start each
    /// other, where an unknown machine does not exist. Used by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class MachineLinks
    {
        /// <summary>Creates the links of one generated class.</summary>
        public MachineLinks(LinkedMachine[] machines, string[] accounts)
        {
            Machines = machines ?? throw new ArgumentNullException(nameof(machines));
            Accounts = accounts ?? throw new ArgumentNullException(nameof(accounts));
        }

        internal LinkedMachine[] Machines { get; }

        internal string[] Accounts { get; }
    }
}

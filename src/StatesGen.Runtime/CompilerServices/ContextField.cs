using System.ComponentModel;

namespace StatesGen.CompilerServices
{
    /// <summary>The single values of the context object (<c>$$</c>) that generated code reads directly.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public enum ContextField
    {
        /// <summary><c>$$.Execution.Id</c></summary>
        ExecutionId,
        /// <summary><c>$$.Execution.Name</c></summary>
        ExecutionName,
        /// <summary><c>$$.Execution.RoleArn</c></summary>
        ExecutionRoleArn,
        /// <summary><c>$$.Execution.StartTime</c></summary>
        ExecutionStartTime,
        /// <summary><c>$$.Execution.RedriveCount</c></summary>
        ExecutionRedriveCount,
        /// <summary><c>$$.StateMachine.Id</c></summary>
        StateMachineId,
        /// <summary><c>$$.StateMachine.Name</c></summary>
        StateMachineName,
        /// <summary><c>$$.State.EnteredTime</c></summary>
        StateEnteredTime,
        /// <summary><c>$$.State.Name</c></summary>
        StateName,
    }
}

using System;

namespace StatesGen
{
    /// <summary>
    /// Marks a partial class whose methods implement the Task states of a definition with your own types. StatesGen
    /// makes the class implement the definition's generated <c>ITasks</c> interface: each Task state is bound to the
    /// method named after it (<c>Store Order</c> → <c>StoreOrderAsync</c> or <c>StoreOrder</c>) or marked with
    /// <see cref="TaskStateAttribute"/>, and its input and result are converted with System.Text.Json.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class StateMachineTasksAttribute : Attribute
    {
        /// <summary>Binds the class to the definition at <paramref name="definitionPath"/> (relative to the project, e.g. <c>Workflows/Orders.asl.json</c>).</summary>
        public StateMachineTasksAttribute(string definitionPath) { DefinitionPath = definitionPath; }

        /// <summary>The definition's path relative to the project directory.</summary>
        public string DefinitionPath { get; }

        /// <summary>
        /// A <c>JsonSerializerContext</c> type used for all conversions (trim and AOT friendly). When not set, a static
        /// <c>JsonSerializerOptions</c> property or field named <c>SerializerOptions</c> on the class is used if present,
        /// otherwise <c>JsonSerializerOptions.Web</c>-like defaults (camelCase, case-insensitive).
        /// </summary>
        public Type? SerializerContext { get; set; }
    }

    /// <summary>Binds a method to the Task state with the given name, when the name alone would not find it.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class TaskStateAttribute : Attribute
    {
        /// <summary>Binds the method to the Task state <paramref name="stateName"/>.</summary>
        public TaskStateAttribute(string stateName) { StateName = stateName; }

        /// <summary>The Task state's name as written in the definition.</summary>
        public string StateName { get; }
    }
}

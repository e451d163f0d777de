using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StatesGen;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers generated state machines in a Microsoft.Extensions.DependencyInjection container.</summary>
    public static class StatesGenServiceCollectionExtensions
    {
        /// <summary>
        /// Registers <typeparamref name="TMachine"/> as a singleton whose Task states are handled by
        /// <typeparamref name="TImplementation"/>, resolved from the container as the machine's generated
        /// <typeparamref name="TTasks"/> interface (so its own dependencies are injected). A registered
        /// <see cref="StateMachineOptions"/> is used when present.
        /// </summary>
        /// <example><code>services.AddStateMachine&lt;OrderProcessing, OrderProcessing.ITasks, OrderTasks&gt;();</code></example>
        public static IServiceCollection AddStateMachine<
            [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TMachine,
            TTasks,
            [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(this IServiceCollection services)
            where TMachine : class
            where TTasks : class
            where TImplementation : class, TTasks
        {
            services.TryAddSingleton<TTasks, TImplementation>();
            // The machine's constructors take (TaskHandler, options) or (ITasks, options); only the second can be
            // satisfied from the container, so the typed one is chosen.
            services.TryAddSingleton<TMachine>();
            return services;
        }
    }
}

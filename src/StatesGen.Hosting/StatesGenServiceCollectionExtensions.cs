using System.Diagnostics.CodeAnalysis;
using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StatesGen;
using StatesGen.Hosting;

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
            // Known to the hosted service that resumes unfinished executions (AddStatesGenSqliteStore).
            services.AddSingleton(new RegisteredStateMachine(typeof(TMachine)));
            return services;
        }

        /// <summary>
        /// Keeps the executions of the registered state machines in a SQLite file, so they survive restarts, crashes and
        /// deploys: registers a <see cref="StatesGen.Sqlite.SqliteExecutionStore"/> as the <see cref="IExecutionStore"/>,
        /// <see cref="StateMachineOptions"/> that use it (unless options are registered already), and
        /// <see cref="DurableExecutionService"/>, a hosted service that resumes every unfinished execution of the
        /// registered machines when the host starts and leaves them running in the store when it stops.
        /// </summary>
        /// <param name="services">The container.</param>
        /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, such as <c>Data Source=app.db</c>.</param>
        /// <example><code>services.AddStatesGenSqliteStore("Data Source=executions.db");</code></example>
        public static IServiceCollection AddStatesGenSqliteStore(this IServiceCollection services, string connectionString)
        {
            ArgumentNullException.ThrowIfNull(connectionString);
            services.TryAddSingleton<IExecutionStore>(sp => new StatesGen.Sqlite.SqliteExecutionStore(connectionString, sp.GetService<TimeProvider>() ?? TimeProvider.System));
            services.TryAddSingleton(sp => new StateMachineOptions
            {
                Store = sp.GetRequiredService<IExecutionStore>(),
                TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System,
            });
            services.TryAddSingleton<DurableExecutionService>();
            services.AddHostedService(sp => sp.GetRequiredService<DurableExecutionService>());
            return services;
        }
    }
}

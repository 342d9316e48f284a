using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Webchats.Application.Common.Exceptions;

namespace Webchats.Infrastructure.Persistence;

/// <summary>
/// EF Core runs every query (LINQ and compiled) and every SaveChanges through the execution
/// strategy, so this is where all of EF Core's database failures pass. It replaces Npgsql's default
/// strategy, which does not retry either and only wraps a transient failure in an
/// <see cref="InvalidOperationException"/>; this one throws <see cref="DatabaseUnavailableException"/>
/// instead (see <see cref="DatabaseFailures"/>) and lets every other exception through unchanged.
/// </summary>
internal sealed class DatabaseFailureExecutionStrategy(ExecutionStrategyDependencies dependencies) : IExecutionStrategy
{
    public bool RetriesOnFailure => false;

    public TResult Execute<TState, TResult>(
        TState state, Func<DbContext, TState, TResult> operation, Func<DbContext, TState, ExecutionResult<TResult>>? verifySucceeded)
    {
        try
        {
            return operation(dependencies.CurrentContext.Context, state);
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception))
        {
            throw new DatabaseUnavailableException(exception);
        }
    }

    public async Task<TResult> ExecuteAsync<TState, TResult>(
        TState state,
        Func<DbContext, TState, CancellationToken, Task<TResult>> operation,
        Func<DbContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await operation(dependencies.CurrentContext.Context, state, cancellationToken);
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception))
        {
            throw new DatabaseUnavailableException(exception);
        }
    }
}

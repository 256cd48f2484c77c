using System.Data.Common;

namespace Commitments.Infrastructure.Data;

/// <summary>
/// Work a transaction's commands leave for its COMMIT, written once just before it for all of them together: on SQLite for
/// every request of the writer's batch (<see cref="SqliteWriter"/>), on SQL Server for the one command of the transaction
/// (<see cref="DbSession.CommitAsync"/>). A command that rolls back to its savepoint takes its share back
/// (<see cref="IDeferredWrite.Undo"/>), so what is written is exactly what the kept commands left. If the write fails, the
/// transaction does not commit.
/// </summary>
public sealed class DeferredWrites
{
    private readonly List<IDeferredWrite> _parts = [];

    /// <summary>This transaction's part of kind <typeparamref name="T"/>, made on first use.</summary>
    public T Get<T>(Func<T> create) where T : class, IDeferredWrite
    {
        if (Find<T>() is { } found) return found;
        var made = create();
        _parts.Add(made);
        return made;
    }

    /// <summary>This transaction's part of kind <typeparamref name="T"/>, if a command made one.</summary>
    public T? Find<T>() where T : class, IDeferredWrite
    {
        foreach (var part in _parts)
            if (part is T found) return found;
        return null;
    }

    /// <summary>A command begins, at its own savepoint.</summary>
    internal void Mark()
    {
        foreach (var part in _parts) part.Mark();
    }

    /// <summary>The command that began last rolled back to its savepoint.</summary>
    internal void Undo()
    {
        foreach (var part in _parts) part.Undo();
    }

    internal async Task FlushAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        foreach (var part in _parts) await part.FlushAsync(connection, transaction, ct);
    }
}

/// <summary>One kind of deferred work (<see cref="DeferredWrites"/>). A part made during a command starts empty, which is what
/// <see cref="Undo"/> returns it to until the next <see cref="Mark"/>.</summary>
public interface IDeferredWrite
{
    /// <summary>A command begins: what is held now belongs to the commands before it.</summary>
    void Mark();

    /// <summary>The command since the last <see cref="Mark"/> rolled back: drop what it added.</summary>
    void Undo();

    /// <summary>Writes what is held, in the transaction, just before it commits.</summary>
    Task FlushAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct);
}

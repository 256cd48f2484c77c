using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;

namespace Commitments.Infrastructure.Data;

/// <summary>
/// Group commit: the one writer of a SQLite file. SQLite lets one transaction write at a time and a durable COMMIT
/// (WAL, synchronous = FULL) costs an fsync, so one commit per request caps the write rate at the disk's fsync rate.
/// Instead, a request that wants to write queues here (<see cref="EnterAsync"/>). The writer takes the first queued
/// request, opens one transaction (BEGIN IMMEDIATE), and then, one request at a time, gives each a savepoint and hands it
/// the connection: the request runs its own command in its own async flow, then says whether to keep its changes
/// (RELEASE) or drop them (ROLLBACK TO its savepoint, which undoes that request alone). While the queue holds more, they
/// join the same transaction (up to <see cref="MaxBatch"/>); then the writer COMMITs once and only then lets every
/// request of the batch answer. So a 2xx still means the change is on disk, and K requests share one fsync.
/// <para>
/// If the COMMIT fails, or SQLite drops the whole transaction under a command (disk full, I/O error), nothing of the batch
/// was stored: each request that meant to keep its changes gets that error; a request that had failed keeps its own.
/// Requests are served in the order they queued, so a write stamped earlier commits no later than one stamped after it;
/// <see cref="Database.AwaitWritesInFlightAsync"/> queues an empty turn to wait for every write queued before it.
/// Validation and everything else a request does before it begins its transaction happens outside the writer.
/// </para>
/// </summary>
public sealed class SqliteWriter : IAsyncDisposable
{
    /// <summary>At most this many requests share one transaction, so a long queue still commits (and answers) in steps.</summary>
    public const int MaxBatch = 64;

    private const string Savepoint = "command";

    private readonly Database _database;
    private readonly TimeSpan _wait;
    private readonly Channel<Turn> _queue = Channel.CreateUnbounded<Turn>();
    private readonly Task _loop;

    internal SqliteWriter(Database database, TimeSpan wait)
    {
        _database = database;
        _wait = wait;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Requests waiting for their turn (not counting the one holding it).</summary>
    internal int Queued => _queue.Reader.Count;

    /// <summary>Times of the turns since the last call, for diagnostics.</summary>
    public WriterStats Stats { get; } = new();

    /// <summary>
    /// Queues for the writer and returns once this request holds it, inside the batch's transaction and its own savepoint.
    /// Waiting longer than the busy timeout is an outage (TimeoutException).
    /// </summary>
    public async Task<Turn> EnterAsync(CancellationToken ct)
    {
        var turn = new Turn();
        if (!_queue.Writer.TryWrite(turn)) throw new OperationCanceledException("The database is shutting down.");
        try
        {
            await turn.Started.Task.WaitAsync(_wait, ct);
            return turn;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            var reason = e is TimeoutException ? new TimeoutException(NoSlot) : e;
            if (turn.Started.TrySetException(reason)) throw reason; // the writer will skip it
            // The writer failed it at the same moment (it could not begin a transaction): that is the answer.
            if (!turn.Started.Task.IsCompletedSuccessfully) throw turn.Started.Task.Exception!.InnerException!;
            // The writer handed it over at the same moment: give the turn back unused, then report why it was not used.
            await turn.EndAsync(keep: false);
            throw reason;
        }
    }

    private string NoSlot => $"No write slot within {_wait.TotalSeconds:0} s: the database is busy.";

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            DbConnection connection;
            DbTransaction transaction;
            try
            {
                connection = await _database.OpenAsync();
            }
            catch (Exception e)
            {
                FailQueued(reader, e);
                continue;
            }
            try
            {
                // SQLite: BEGIN IMMEDIATE, the write lock up front.
                transaction = await connection.BeginTransactionAsync();
            }
            catch (Exception e)
            {
                await connection.DisposeAsync();
                FailQueued(reader, e); // cannot write now (another process holds the file): every waiting request hears why
                continue;
            }
            await RunBatchAsync(reader, connection, transaction);
        }
    }

    private async Task RunBatchAsync(ChannelReader<Turn> reader, DbConnection connection, DbTransaction transaction)
    {
        List<Turn> batch = [];
        var deferred = new DeferredWrites();
        Exception? lost = null;
        try
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var turn))
            {
                await transaction.SaveAsync(Savepoint);
                deferred.Mark();
                turn.Connection = connection;
                turn.Transaction = transaction;
                turn.Deferred = deferred;
                var started = Stopwatch.GetTimestamp();
                if (!turn.Started.TrySetResult())
                {
                    await transaction.ReleaseAsync(Savepoint); // it gave up waiting
                    continue;
                }
                batch.Add(turn);
                var keep = await turn.Finished.Task;
                Stats.Record(started - turn.Queued, Stopwatch.GetTimestamp() - started);
                try
                {
                    if (!keep)
                    {
                        await transaction.RollbackAsync(Savepoint);
                        deferred.Undo();
                    }
                    await transaction.ReleaseAsync(Savepoint);
                }
                catch (Exception e)
                {
                    // No savepoint any more: SQLite rolled back the whole transaction (disk full, I/O error).
                    lost = turn.Error ?? e;
                    break;
                }
            }
            if (lost is null)
            {
                var committing = Stopwatch.GetTimestamp();
                // What the batch's commands deferred (the log's appends) is written once for all of them; if it fails, nothing commits.
                await deferred.FlushAsync(connection, transaction, CancellationToken.None);
                await transaction.CommitAsync();
                Stats.RecordCommit(Stopwatch.GetTimestamp() - committing, batch.Count);
            }
        }
        catch (Exception e)
        {
            lost = e;
        }
        finally
        {
            try
            {
                await transaction.DisposeAsync();
            }
            catch (Exception e)
            {
                lost ??= e;
            }
            await connection.DisposeAsync();
        }
        foreach (var turn in batch)
        {
            if (lost is not null && turn.Kept) turn.Ended.TrySetException(lost);
            else turn.Ended.TrySetResult();
        }
    }

    private static void FailQueued(ChannelReader<Turn> reader, Exception e)
    {
        while (reader.TryRead(out var turn)) turn.Started.TrySetException(e);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(10))); // a request stuck in its turn must not hold up shutdown
    }

    /// <summary>One request's hold of the writer: the shared connection and transaction, inside its own savepoint.</summary>
    public sealed class Turn
    {
        internal readonly long Queued = Stopwatch.GetTimestamp();
        // Started runs the request's continuation on the writer's thread: SQLite calls complete synchronously, so a command
        // usually runs start to end inside the hand-over and has given the turn back (Finished) before the writer awaits it,
        // with no trip through the thread pool's queue, behind every other request's work, on either side. Finished and
        // Ended resume the other side through the pool: the writer never runs on a request's thread (a request that went
        // async mid-turn would otherwise carry the writer's loop), and no response is written on the writer's thread.
        internal readonly TaskCompletionSource Started = new();
        internal readonly TaskCompletionSource<bool> Finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        internal readonly TaskCompletionSource Ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DbConnection Connection { get; internal set; } = null!;
        public DbTransaction Transaction { get; internal set; } = null!;
        /// <summary>What the batch's commands leave for its COMMIT.</summary>
        public DeferredWrites Deferred { get; internal set; } = null!;
        internal bool Kept { get; private set; }
        internal Exception? Error { get; private set; }

        /// <summary>
        /// Gives the writer back: keep (RELEASE) or drop (ROLLBACK TO) this request's changes; then waits until the batch
        /// has committed. Throws the batch's failure only when the changes were to be kept.
        /// </summary>
        public Task EndAsync(bool keep, Exception? error = null)
        {
            Kept = keep;
            Error = error;
            Finished.TrySetResult(keep);
            return Ended.Task;
        }
    }
}

/// <summary>How long requests waited for the writer and held it, and how long each batch's COMMIT took.</summary>
public sealed class WriterStats
{
    private const int Capacity = 1 << 16;
    private readonly Lock _lock = new();
    private long[] _waits = new long[Capacity], _holds = new long[Capacity];
    private long[] _commits = new long[Capacity / 4];
    private int _turns, _commitSamples, _batches;
    private long _batched;

    internal void Record(long wait, long hold)
    {
        lock (_lock)
        {
            if (_turns >= Capacity) return;
            _waits[_turns] = wait;
            _holds[_turns] = hold;
            _turns++;
        }
    }

    internal void RecordCommit(long took, int batchSize)
    {
        lock (_lock)
        {
            _batches++;
            _batched += batchSize;
            if (_commitSamples < _commits.Length) _commits[_commitSamples++] = took;
        }
    }

    public sealed record Snapshot(int Turns, int Batches, double MeanBatch, double WaitP50, double WaitP99, double HoldP50, double HoldP99,
        double CommitP50, double CommitP99);

    /// <summary>Percentiles in milliseconds of what was recorded since the last call, and starts afresh.</summary>
    public Snapshot Take()
    {
        long[] waits, holds, commits;
        int turns, commitSamples, batches;
        long batched;
        lock (_lock)
        {
            (waits, holds, commits, turns, commitSamples, batches, batched) = (_waits, _holds, _commits, _turns, _commitSamples, _batches, _batched);
            _waits = new long[Capacity];
            _holds = new long[Capacity];
            _commits = new long[Capacity / 4];
            (_turns, _commitSamples, _batches, _batched) = (0, 0, 0, 0);
        }
        return new Snapshot(turns, batches, batches == 0 ? 0 : (double)batched / batches,
            Percentile(waits, turns, 0.50), Percentile(waits, turns, 0.99), Percentile(holds, turns, 0.50), Percentile(holds, turns, 0.99),
            Percentile(commits, commitSamples, 0.50), Percentile(commits, commitSamples, 0.99));
    }

    private static double Percentile(long[] ticks, int count, double p)
    {
        if (count == 0) return 0;
        Array.Sort(ticks, 0, count);
        return ticks[Math.Min(count - 1, (int)(count * p))] * 1000.0 / Stopwatch.Frequency;
    }
}

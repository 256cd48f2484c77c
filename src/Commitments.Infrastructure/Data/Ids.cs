namespace Commitments.Infrastructure.Data;

/// <summary>
/// The one source of new record ids: UUID version 7 (RFC 9562), time-ordered and, within this process, strictly increasing
/// even for ids made in the same millisecond (a counter in the sequence bits, UUIDNext). Lists ordered by id are therefore in
/// the order the records were created, and the migrations that walk revisions "by update id" walk them in filing order.
/// <see cref="Guid.CreateVersion7()"/> is random within a millisecond, so two filings in one millisecond could list in either order.
/// </summary>
public static class Ids
{
    public static string New() => UUIDNext.Uuid.NewSequential().ToString();
}
